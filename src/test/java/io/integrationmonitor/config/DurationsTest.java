package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "250ms, PT0.25S",
        "30s, PT30S",
        "5m, PT5M",
        "1h, PT1H",
        "1h30m, PT1H30M",
        "2d, PT48H",
        "1d12h30m15s500ms, PT36H30M15.5S",
        "0s, PT0S",
        "PT1M, PT1M",
        "P1DT2H, PT26H",
        "' 45s ', PT45S"
    })
    void parsesShorthandAndIso(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5 minutes", "-1s", "10x", "1.5h", "30m1h", "1m1m", "10", "PT", "PT-1S", "s",
        "99999999999999999999d"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7 fortnights", "Pfortnights", "-fortnights"})
    void errorMessagesDoNotRepeatTheInputWhichMayBeASecret(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("fortnights");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "250ms", "30s", "5m", "1h30m", "2d", "1d12h30m15s500ms"})
    void formatIsTheInverseOfParse(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
}
