package io.stashwatch.poe.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate-limit headers of one response: {@code X-Rate-Limit-Policy}, {@code X-Rate-Limit-Rules},
 * per rule {@code X-Rate-Limit-<Rule>} (limits) and {@code X-Rate-Limit-<Rule>-State} (current hits),
 * and {@code Retry-After}. Rule names are compared case-insensitively and kept in lower case.
 */
public final class RateLimitHeaders {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitHeaders.class);

    /** The windows of one rule and, when the server sent it, their current state. */
    public record Rule(String name, List<RateWindow> windows, List<WindowState> states) {
        public Rule {
            windows = List.copyOf(windows);
            states = List.copyOf(states);
        }
    }

    /** One entry of a {@code -State} header: hits counted now, the window, the active restriction. */
    public record WindowState(int current, int periodSeconds, int restrictedSeconds) {
    }

    private static final RateLimitHeaders NONE = new RateLimitHeaders(null, List.of(), OptionalLong.empty());

    private final String policy;
    private final List<Rule> rules;
    private final OptionalLong retryAfterSeconds;

    public RateLimitHeaders(String policy, List<Rule> rules, OptionalLong retryAfterSeconds) {
        this.policy = policy == null ? null : policy.trim().toLowerCase(Locale.ROOT);
        this.rules = List.copyOf(rules);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** No rate-limit headers at all (e.g. a 503 from a proxy, or a 401). */
    public static RateLimitHeaders none() {
        return NONE;
    }

    /**
     * Reads the headers through {@code header}, a case-insensitive lookup of a header's first value
     * (null when absent). Malformed values are logged and skipped, never fatal: a response is still a
     * response.
     */
    public static RateLimitHeaders parse(Function<String, String> header) {
        String policy = header.apply("X-Rate-Limit-Policy");
        String rulesText = header.apply("X-Rate-Limit-Rules");
        OptionalLong retryAfter = parseRetryAfter(header.apply("Retry-After"));
        List<Rule> rules = new ArrayList<>();
        if (rulesText != null) {
            for (String raw : rulesText.split(",")) {
                String name = raw.trim();
                if (name.isEmpty()) {
                    continue;
                }
                String limits = header.apply("X-Rate-Limit-" + name);
                if (limits == null) {
                    LOG.warn("Rate-limit rule '{}' announced without its X-Rate-Limit-{} header", name, name);
                    continue;
                }
                try {
                    List<RateWindow> windows = RateWindow.parseList(limits);
                    List<WindowState> states = new ArrayList<>();
                    String stateText = header.apply("X-Rate-Limit-" + name + "-State");
                    if (stateText != null) {
                        for (int[] t : HeaderTriples.parse(stateText)) {
                            states.add(new WindowState(t[0], t[1], t[2]));
                        }
                    }
                    rules.add(new Rule(name.toLowerCase(Locale.ROOT), windows, states));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Ignoring malformed rate-limit rule '{}': {}", name, e.getMessage());
                }
            }
        }
        if (policy == null && rules.isEmpty() && retryAfter.isEmpty()) {
            return NONE;
        }
        return new RateLimitHeaders(policy, rules, retryAfter);
    }

    private static OptionalLong parseRetryAfter(String text) {
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(text.trim());
            return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring non-numeric Retry-After '{}'", text);
            return OptionalLong.empty();
        }
    }

    /** The policy name in lower case, or null when the response had none. */
    public String policy() {
        return policy;
    }

    public List<Rule> rules() {
        return rules;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** True when the response carried a policy with at least one rule (a full description of the limits). */
    public boolean hasLimits() {
        return policy != null && !rules.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RateLimitHeaders{policy=").append(policy);
        for (Rule r : rules) {
            sb.append(", ").append(r.name()).append('=').append(RateWindow.format(r.windows()));
            if (!r.states().isEmpty()) {
                sb.append(" state=");
                for (int i = 0; i < r.states().size(); i++) {
                    WindowState s = r.states().get(i);
                    sb.append(i == 0 ? "" : ",").append(s.current()).append(':').append(s.periodSeconds())
                            .append(':').append(s.restrictedSeconds());
                }
            }
        }
        retryAfterSeconds.ifPresent(v -> sb.append(", retryAfter=").append(v));
        return sb.append('}').toString();
    }
}
