package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.config.Config;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.junit.jupiter.api.Test;

class EnvironmentsTest {
    @Test
    void shipsNetworkBuffersWithinTenMilliseconds() {
        for (boolean local : new boolean[] {true, false}) {
            Configuration conf = Environments.jobConfiguration(Config.defaults(), local);
            assertThat(conf.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(10));
            assertThat(conf.get(ExecutionOptions.BUFFER_TIMEOUT_ENABLED)).isTrue();
        }
    }
}
