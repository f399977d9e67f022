package io.integrationmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ImageJvmOptionsTest {

    @Test
    void theFlagsAreThoseBetweenJavaAndJarOfTheExecFormEntrypointAcrossContinuationLines() {
        // given a Dockerfile whose ENTRYPOINT spans lines, after a HEALTHCHECK that also runs java
        String dockerfile = """
                FROM eclipse-temurin:17-jre
                HEALTHCHECK CMD ["java", "-Xmx16m", "-cp", "/hc", "HealthCheck"]
                ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", \\
                            "-Xss512k", \\
                            "-jar", "/opt/app.jar"]
                CMD ["run"]
                """;

        // when the flags are read
        var flags = ImageJvmOptions.entrypointJvmFlags(dockerfile);

        // then only the ENTRYPOINT's JVM flags, in order
        assertThat(flags).containsExactly("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-Xss512k");
    }

    @Test
    void theRepositorysDockerfileAndDeploymentParse() throws Exception {
        // given the files the image and the Kubernetes base ship
        String dockerfile = Files.readString(ImageJvmOptions.DOCKERFILE);
        String deployment = Files.readString(ImageJvmOptions.DEPLOYMENT);

        // when / then the image's flags include its heap sizing, and the container has a memory limit
        assertThat(ImageJvmOptions.entrypointJvmFlags(dockerfile)).anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage="))
                .doesNotContain("-jar");
        assertThat(ImageJvmOptions.limitBytes(ImageJvmOptions.memoryLimit(deployment))).isPositive();
        assertThat(ImageJvmOptions.load(null)).contains("-XX:NativeMemoryTracking=summary")
                .anyMatch(f -> f.startsWith("-XX:MaxRAM="));
        assertThat(ImageJvmOptions.loadEnvironment()).containsKey("MALLOC_MMAP_THRESHOLD_");
    }

    @Test
    void theEnvironmentIsTheRuntimeStagesEnvLinesOnly() {
        // given a build stage with its own ENV, and a runtime stage with two ENV lines, one continued
        String dockerfile = """
                FROM maven AS build
                ENV MAVEN_OPTS=-Xmx1g
                FROM eclipse-temurin:17-jre
                ENV MALLOC_ARENA_MAX=2 \\
                    MALLOC_MMAP_THRESHOLD_=131072
                ENV TZ=UTC
                ENTRYPOINT ["java", "-jar", "/opt/app.jar"]
                """;

        // when / then the runtime stage's variables only
        assertThat(ImageJvmOptions.environment(dockerfile)).containsOnly(
                org.assertj.core.api.Assertions.entry("MALLOC_ARENA_MAX", "2"),
                org.assertj.core.api.Assertions.entry("MALLOC_MMAP_THRESHOLD_", "131072"),
                org.assertj.core.api.Assertions.entry("TZ", "UTC"));
        assertThatThrownBy(() -> ImageJvmOptions.environment("FROM x\nENV TZ UTC\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KEY=value");
        assertThatThrownBy(() -> ImageJvmOptions.environment("FROM x\nENV A=\"b c\"\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without quotes");
    }

    @Test
    void aShellFormOrMissingEntrypointFailsLoudly() {
        assertThatThrownBy(() -> ImageJvmOptions.entrypointJvmFlags("ENTRYPOINT java -Xmx1g -jar app.jar\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exec");
        assertThatThrownBy(() -> ImageJvmOptions.entrypointJvmFlags("FROM x\nCMD [\"run\"]\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no ENTRYPOINT");
        assertThatThrownBy(() -> ImageJvmOptions.entrypointJvmFlags("ENTRYPOINT [\"java\", \"-Xmx1g\", \"Main\"]\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("-jar");
    }

    @Test
    void theContainerLimitBecomesMaxRamInMegabytes() {
        // given the deployment's limit
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - name: monitor
                          resources:
                            requests: {memory: 256Mi}
                            limits: {memory: 512Mi}
                """;

        // when / then 512Mi is -XX:MaxRAM=512m, after the image's flags, with NMT on
        long bytes = ImageJvmOptions.limitBytes(ImageJvmOptions.memoryLimit(deployment));
        assertThat(bytes).isEqualTo(512L * 1024 * 1024);
        assertThat(ImageJvmOptions.withContainerLimit(java.util.List.of("-XX:+UseSerialGC"), bytes))
                .containsExactly("-XX:+UseSerialGC", "-XX:MaxRAM=512m", "-XX:NativeMemoryTracking=summary");
        assertThat(ImageJvmOptions.limitBytes("1Gi")).isEqualTo(1024L * 1024 * 1024);
        assertThatThrownBy(() -> ImageJvmOptions.limitBytes("lots")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ImageJvmOptions.memoryLimit("kind: Deployment\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("limits.memory");
    }
}
