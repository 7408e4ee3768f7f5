package io.stashwatch.poe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCap() {
        Backoff b = new Backoff(500, 60_000, () -> 0.999999);
        assertThat(b.ceilingMillis(0)).isEqualTo(500);
        assertThat(b.ceilingMillis(1)).isEqualTo(1000);
        assertThat(b.ceilingMillis(6)).isEqualTo(32_000);
        assertThat(b.ceilingMillis(7)).isEqualTo(60_000);
        assertThat(b.ceilingMillis(1000)).isEqualTo(60_000);
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheCeiling() {
        assertThat(new Backoff(500, 60_000, () -> 0.0).delayMillis(3)).isEqualTo(2000);
        assertThat(new Backoff(500, 60_000, () -> 0.5).delayMillis(3)).isEqualTo(3000);
        assertThat(new Backoff(500, 60_000, () -> 0.9999999).delayMillis(3)).isEqualTo(4000);
        Backoff real = new Backoff(100, 1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(real.delayMillis(i % 8)).isBetween(real.ceilingMillis(i % 8) / 2, real.ceilingMillis(i % 8));
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
