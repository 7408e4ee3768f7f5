package io.stashwatch.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.poe.ratelimit.RateWindow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowEnforcerTest {
    static final long S = 1_000_000_000L;
    static final Map<String, List<RateWindow>> RULES = Map.of("client", RateWindow.parseList("2:4:10,3:60:60"));
    static final Map<String, String> ME = Map.of("client", "me");

    @Test
    void exactSlidingWindowsAndRestriction() {
        WindowEnforcer e = new WindowEnforcer();
        assertThat(e.hit("p", RULES, ME, 0).states().get("client")).isEqualTo("1:4:0,1:60:0");
        assertThat(e.hit("p", RULES, ME, 1 * S).allowed()).isTrue();
        // Third within 4 s: refused, restricted for 10 s; the refused hit is not counted.
        WindowEnforcer.Decision over = e.hit("p", RULES, ME, 3 * S);
        assertThat(over.allowed()).isFalse();
        assertThat(over.retryAfterSeconds()).isEqualTo(10);
        assertThat(over.states().get("client")).isEqualTo("2:4:10,2:60:0");
        // Still restricted at 12.9 s even though the window is empty.
        assertThat(e.hit("p", RULES, ME, 12 * S + 900_000_000L).allowed()).isFalse();
        assertThat(e.hit("p", RULES, ME, 13 * S).allowed()).isTrue();
        // The 60 s window now holds 3: the next is refused with the 60 s restriction.
        WindowEnforcer.Decision longOver = e.hit("p", RULES, ME, 20 * S);
        assertThat(longOver.allowed()).isFalse();
        assertThat(longOver.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void windowBoundaryIsExclusiveOfTheOldEdge() {
        WindowEnforcer e = new WindowEnforcer();
        Map<String, List<RateWindow>> one = Map.of("client", RateWindow.parseList("1:4:5"));
        assertThat(e.hit("p", one, ME, 0).allowed()).isTrue();
        assertThat(e.hit("q", one, ME, 0).allowed()).as("other policy, own window").isTrue();
        assertThat(e.hit("p", one, Map.of("client", "other"), 1).allowed()).as("other client").isTrue();
        assertThat(e.hit("p", one, ME, 4 * S - 1).allowed()).isFalse();
        WindowEnforcer f = new WindowEnforcer();
        f.hit("p", one, ME, 0);
        assertThat(f.hit("p", one, ME, 4 * S).allowed()).isTrue();
    }
}
