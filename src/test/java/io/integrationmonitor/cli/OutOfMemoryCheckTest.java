package io.integrationmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutOfMemoryCheckTest {
    @Test
    void theVmFlagsDecideWhenKnown() {
        assertThat(OutOfMemoryCheck.exitsOnOutOfMemory(Optional.of(true), Optional.of(false), List.of())).isTrue();
        assertThat(OutOfMemoryCheck.exitsOnOutOfMemory(Optional.of(false), Optional.of(true), List.of())).isTrue();
        assertThat(OutOfMemoryCheck.exitsOnOutOfMemory(Optional.of(false), Optional.of(false),
                List.of("-XX:+ExitOnOutOfMemoryError"))).as("flag values win over arguments").isFalse();
    }

    @Test
    void otherwiseTheLastCommandLineFlagDecides() {
        assertThat(OutOfMemoryCheck.exitsOnOutOfMemory(Optional.empty(), Optional.empty(),
                List.of("-Xmx192m", "-XX:+ExitOnOutOfMemoryError"))).isTrue();
        assertThat(OutOfMemoryCheck.exitsOnOutOfMemory(Optional.empty(), Optional.empty(),
                List.of("-XX:+ExitOnOutOfMemoryError", "-XX:-ExitOnOutOfMemoryError"))).isFalse();
        assertThat(OutOfMemoryCheck.exitsOnOutOfMemory(Optional.empty(), Optional.empty(), List.of("-Xmx192m")))
                .isFalse();
    }
}
