package io.stashwatch.poe.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

class RateLimitHeadersTest {

    static RateLimitHeaders parse(Map<String, String> headers) {
        TreeMap<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        return RateLimitHeaders.parse(ci::get);
    }

    @org.junit.jupiter.api.Test
    void parsesSeveralRulesWithSeveralWindowsAndStates() {
        RateLimitHeaders h = parse(Map.of(
                "X-Rate-Limit-Policy", "Public-Stash-Tabs-Request-Limit",
                "X-Rate-Limit-Rules", "Ip,client",
                "x-rate-limit-ip", "45:60:120,180:1800:600",
                "X-RATE-LIMIT-IP-STATE", "3:60:0,10:1800:0",
                "X-Rate-Limit-Client", "8:4:10,40:60:60",
                "X-Rate-Limit-Client-State", "1:4:0,2:60:0"));

        assertThat(h.policy()).isEqualTo("public-stash-tabs-request-limit");
        assertThat(h.hasLimits()).isTrue();
        assertThat(h.rules()).extracting(RateLimitHeaders.Rule::name).containsExactly("ip", "client");
        RateLimitHeaders.Rule ip = h.rules().get(0);
        assertThat(ip.windows()).containsExactly(new RateWindow(45, 60, 120), new RateWindow(180, 1800, 600));
        assertThat(ip.states()).containsExactly(new RateLimitHeaders.WindowState(3, 60, 0),
                new RateLimitHeaders.WindowState(10, 1800, 0));
        assertThat(h.rules().get(1).windows()).containsExactly(new RateWindow(8, 4, 10), new RateWindow(40, 60, 60));
        assertThat(h.retryAfterSeconds()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void readsRetryAfterAndActiveRestriction() {
        RateLimitHeaders h = parse(Map.of(
                "X-Rate-Limit-Policy", "ladder-view",
                "X-Rate-Limit-Rules", "client",
                "X-Rate-Limit-Client", "10:5:10",
                "X-Rate-Limit-Client-State", "11:5:10",
                "Retry-After", "10"));
        assertThat(h.retryAfterSeconds()).hasValue(10);
        assertThat(h.rules().get(0).states().get(0).restrictedSeconds()).isEqualTo(10);
    }

    @org.junit.jupiter.api.Test
    void noHeadersIsNone() {
        RateLimitHeaders h = parse(Map.of("Content-Type", "text/html"));
        assertThat(h).isSameAs(RateLimitHeaders.none());
        assertThat(h.hasLimits()).isFalse();
        assertThat(h.policy()).isNull();
    }

    @org.junit.jupiter.api.Test
    void malformedRuleIsSkippedNotFatal() {
        RateLimitHeaders h = parse(Map.of(
                "X-Rate-Limit-Policy", "p",
                "X-Rate-Limit-Rules", "a,b,c",
                "X-Rate-Limit-A", "5:x:10",
                "X-Rate-Limit-B", "5:10:60",
                "Retry-After", "soon"));
        assertThat(h.rules()).extracting(RateLimitHeaders.Rule::name).containsExactly("b");
        assertThat(h.retryAfterSeconds()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void windowListParsingAndFormatting() {
        List<RateWindow> w = RateWindow.parseList(" 8:4:10 , 40:60:60");
        assertThat(w).containsExactly(new RateWindow(8, 4, 10), new RateWindow(40, 60, 60));
        assertThat(RateWindow.format(w)).isEqualTo("8:4:10,40:60:60");
        assertThatThrownBy(() -> RateWindow.parseList("8:4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateWindow.parseList("8:0:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateWindow.parseList("")).isInstanceOf(IllegalArgumentException.class);
    }
}
