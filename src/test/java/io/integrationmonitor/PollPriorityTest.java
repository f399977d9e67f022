package io.integrationmonitor;

import io.integrationmonitor.poll.Source;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule of which poll starts first when several are due at the same instant. */
class PollPriorityTest {

    @Test
    void appIntegrationsTheLongestPollStartsBeforeEveryOtherSource() {
        int appIntegrations = Monitor.priorityOf(Source.APPINTEGRATIONS_ASSOCIATIONS);

        assertThat(Arrays.stream(Source.values()).filter(s -> s != Source.APPINTEGRATIONS_ASSOCIATIONS))
                .allSatisfy(other -> assertThat(Monitor.priorityOf(other)).isLessThan(appIntegrations));
    }
}
