package io.stashwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import io.stashwatch.config.Options;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectOptionsTest {
    @Test
    void readsTheDetectOptions() {
        Config c = Config.builder().cli("detect.window", "2m").cli("detect.slide", "10s").cli("detect.min-samples", "7")
                .cli("detect.max-per-account", "3").cli("detect.underpriced-ratio", "0.4").cli("detect.shift-ratio", "2")
                .build();
        DetectOptions o = DetectOptions.from(c);
        assertThat(o.windowMillis).isEqualTo(120_000);
        assertThat(o.slideMillis).isEqualTo(10_000);
        assertThat(o.minSamples).isEqualTo(7);
        assertThat(o.maxPerAccount).isEqualTo(3);
        assertThat(o.underpricedRatio).isEqualTo(0.4);
        assertThat(o.shiftRatio).isEqualTo(2.0);
    }

    @Test
    void defaultsMatchTheOptionTable() {
        DetectOptions o = DetectOptions.defaults();
        assertThat(o.windowMillis).isEqualTo(Options.DETECT_WINDOW.defaultValue().toMillis());
        assertThat(o.slideMillis).isEqualTo(Options.DETECT_SLIDE.defaultValue().toMillis());
        assertThat(o.recentAccounts).isEqualTo(3);
    }

    @Test
    void aSlideLongerThanTheWindowIsOneClearError() {
        Config c = Config.builder().cli("detect.window", "1m").cli("detect.slide", "5m").build();
        assertThatThrownBy(() -> DetectOptions.from(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("detect.slide").hasMessageContaining("detect.window").hasMessageNotContaining("\n");
    }

    @Test
    void isSerialisableAndCopiesOnChange() throws Exception {
        DetectOptions o = DetectOptions.defaults().withWindow(Duration.ofSeconds(60), Duration.ofSeconds(10)).withMinSamples(3);
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(o);
        }
        assertThat(o.windowMillis).isEqualTo(60_000);
        assertThat(o.minSamples).isEqualTo(3);
        assertThat(DetectOptions.defaults().minSamples).isEqualTo(5);
    }
}
