# CI-only stand-in for maven:3.9-eclipse-temurin-17: Debian's JDK on the debootstrapped root, plus the Maven
# distribution ./mvnw wants and a Maven repository holding what the build needs, both filled by
# .ci/verify-image.sh on the host (the only place with the Maven registry). MAVEN_ARGS makes the Dockerfile's
# ./mvnw commands run offline against that repository, unchanged.
ARG BASE
FROM ${BASE}
# unzip: ./mvnw then looks for the .zip distribution, the one the host downloaded (its directory name hashes the URL).
# mkdir: OpenJDK's postinst links its manual pages there, and the slim base has no manuals.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless unzip \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY maven-user-home /opt/ci-maven/user-home
COPY m2 /opt/ci-maven/repository
ENV MAVEN_USER_HOME=/opt/ci-maven/user-home \
    MAVEN_ARGS="--offline -Dmaven.repo.local=/opt/ci-maven/repository"
