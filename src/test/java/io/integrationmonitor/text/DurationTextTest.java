package io.integrationmonitor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "PT-5S, 0s",
        "PT0S, 0s",
        "PT45.9S, 45s",
        "PT90S, 1m 30s",
        "PT30M, 30m",
        "PT2H5M, 2h 5m",
        "PT3H, 3h",
        "PT50H, 2d 2h",
        "PT72H30M, 3d",
    })
    void rendersAtMostTheTwoLargestUnits(String iso, String expected) {
        // given a duration; when it is rendered for a person; then two units at most, zero parts left out
        assertThat(DurationText.human(Duration.parse(iso))).isEqualTo(expected);
    }
}
