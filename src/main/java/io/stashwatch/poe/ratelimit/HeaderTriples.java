package io.stashwatch.poe.ratelimit;

import java.util.ArrayList;
import java.util.List;

/** Parses header values made of comma-separated {@code a:b:c} integer triples. */
final class HeaderTriples {
    private HeaderTriples() {
    }

    static List<int[]> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty rate-limit value");
        }
        List<int[]> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            String[] f = p.split(":");
            if (f.length != 3) {
                throw new IllegalArgumentException("expected hits:period:restriction but got '" + p + "'");
            }
            int[] t = new int[3];
            for (int i = 0; i < 3; i++) {
                try {
                    t[i] = Integer.parseInt(f[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected whole numbers in '" + p + "'");
                }
            }
            out.add(t);
        }
        return out;
    }
}
