package io.stashwatch.poe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.poe.PoeFatalException;
import org.junit.jupiter.api.Test;

class InvalidRequestWindowTest {
    static final long S = 1_000_000_000L;

    @Test
    void stopsBeforeTheLimitIsReached() throws Exception {
        InvalidRequestWindow w = new InvalidRequestWindow(4, 600 * S);
        w.checkBeforeSend(0);
        w.record(1 * S, "404 for /currency-exchange/1");
        w.record(2 * S, "404 for /currency-exchange/2");
        w.checkBeforeSend(3 * S);
        w.record(3 * S, "429 for /public-stash-tabs");
        assertThat(w.count(3 * S)).isEqualTo(3);
        // One more 4xx would make 4: refuse to send.
        assertThatThrownBy(() -> w.checkBeforeSend(4 * S))
                .isInstanceOf(PoeFatalException.class)
                .hasMessageContaining("3 4xx responses in the last 600s")
                .hasMessageContaining("poe.invalid-request-limit")
                .hasMessageContaining("429 for /public-stash-tabs");
    }

    @Test
    void theWindowSlides() throws Exception {
        InvalidRequestWindow w = new InvalidRequestWindow(3, 10 * S);
        w.record(0, "a");
        w.record(5 * S, "b");
        assertThatThrownBy(() -> w.checkBeforeSend(9 * S)).isInstanceOf(PoeFatalException.class);
        w.checkBeforeSend(10 * S);
        assertThat(w.count(10 * S)).isEqualTo(1);
        assertThat(w.count(15 * S)).isZero();
    }

    @Test
    void limitOfTwoStopsAfterTheFirst4xx() throws Exception {
        InvalidRequestWindow w = new InvalidRequestWindow(2, 10 * S);
        w.checkBeforeSend(0);
        w.record(1, "x");
        assertThatThrownBy(() -> w.checkBeforeSend(2)).isInstanceOf(PoeFatalException.class);
    }
}
