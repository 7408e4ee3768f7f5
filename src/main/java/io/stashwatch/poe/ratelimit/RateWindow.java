package io.stashwatch.poe.ratelimit;

import java.util.ArrayList;
import java.util.List;

/**
 * One window of a rate-limit rule, as in {@code X-Rate-Limit-Client: 8:4:10}: at most {@code hits}
 * requests in any {@code periodSeconds}; going over restricts the client for
 * {@code restrictionSeconds}.
 */
public record RateWindow(int hits, int periodSeconds, int restrictionSeconds) {

    public RateWindow {
        if (hits < 0 || periodSeconds <= 0 || restrictionSeconds < 0) {
            throw new IllegalArgumentException("bad rate-limit window " + hits + ":" + periodSeconds + ":"
                    + restrictionSeconds);
        }
    }

    /**
     * Parses a comma list of {@code hits:period:restriction} triples, e.g. {@code 8:4:10,40:60:60}.
     *
     * @throws IllegalArgumentException when the text is not such a list
     */
    public static List<RateWindow> parseList(String text) {
        List<RateWindow> out = new ArrayList<>();
        for (int[] t : HeaderTriples.parse(text)) {
            out.add(new RateWindow(t[0], t[1], t[2]));
        }
        return List.copyOf(out);
    }

    /** Formats windows back as a header value. */
    public static String format(List<RateWindow> windows) {
        StringBuilder sb = new StringBuilder();
        for (RateWindow w : windows) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(w.hits).append(':').append(w.periodSeconds).append(':').append(w.restrictionSeconds);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return hits + ":" + periodSeconds + ":" + restrictionSeconds;
    }
}
