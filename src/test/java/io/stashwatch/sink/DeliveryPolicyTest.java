package io.stashwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.sink.DeliveryPolicy.Decision;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    private final DeliveryPolicy policy = new DeliveryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void successIsDeliveredAtAnyAttempt() {
        assertThat(policy.decide(1, Optional.of(200))).isEqualTo(Decision.DELIVERED);
        assertThat(policy.decide(4, Optional.of(204))).isEqualTo(Decision.DELIVERED);
    }

    @Test
    void transientFailuresAreRetriedUntilTheAttemptsAreUsedUp() {
        for (Optional<Integer> s : java.util.List.of(Optional.of(500), Optional.of(503), Optional.of(429),
                Optional.of(408), Optional.<Integer>empty())) {
            assertThat(policy.decide(1, s)).as(s.toString()).isEqualTo(Decision.RETRY);
            assertThat(policy.decide(3, s)).as(s.toString()).isEqualTo(Decision.RETRY);
            assertThat(policy.decide(4, s)).as(s.toString()).isEqualTo(Decision.FAIL);
        }
    }

    @Test
    void refusalsAndRedirectsFailAtOnce() {
        for (int s : new int[] {301, 302, 400, 401, 403, 404, 410, 422}) {
            assertThat(policy.decide(1, Optional.of(s))).as("status " + s).isEqualTo(Decision.FAIL);
        }
    }

    @Test
    void backoffDoublesUpToTheCapAndHonoursALongerRetryAfter() {
        assertThat(policy.backoff(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(4, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(5, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(60, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.backoff(3, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryAfterInSecondsIsParsedAndDatesIgnored() {
        assertThat(DeliveryPolicy.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(DeliveryPolicy.parseRetryAfter(" 0 ")).contains(Duration.ZERO);
        assertThat(DeliveryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
        assertThat(DeliveryPolicy.parseRetryAfter(null)).isEmpty();
        assertThat(DeliveryPolicy.parseRetryAfter("-3")).isEmpty();
    }
}
