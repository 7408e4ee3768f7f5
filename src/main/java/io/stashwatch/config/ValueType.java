package io.stashwatch.config;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How an option's text becomes a typed value and back. Parse errors are IllegalArgumentExceptions. */
public interface ValueType<T> extends Serializable {

    T parse(String raw);

    default String format(T value) {
        return String.valueOf(value);
    }

    /** A short description for the option table, e.g. "duration". */
    String describe();

    ValueType<String> STRING = new ValueType<>() {
        @Override
        public String parse(String raw) {
            return raw;
        }

        @Override
        public String describe() {
            return "text";
        }
    };

    ValueType<Boolean> BOOLEAN = new ValueType<>() {
        @Override
        public Boolean parse(String raw) {
            switch (raw.toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "on": case "1":
                    return true;
                case "false": case "no": case "off": case "0":
                    return false;
                default:
                    throw new IllegalArgumentException("expected true or false");
            }
        }

        @Override
        public String describe() {
            return "boolean";
        }
    };

    ValueType<Duration> DURATION = new ValueType<>() {
        private final Pattern pattern = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

        @Override
        public Duration parse(String raw) {
            String text = raw.toLowerCase(Locale.ROOT).trim();
            Matcher m = pattern.matcher(text);
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                long unitMs;
                switch (m.group(2)) {
                    case "ms": unitMs = 1; break;
                    case "s": unitMs = 1000; break;
                    case "m": unitMs = 60_000; break;
                    case "h": unitMs = 3_600_000; break;
                    default: unitMs = 86_400_000; break;
                }
                return Duration.ofMillis(Math.round(n * unitMs));
            }
            if (text.startsWith("pt") || text.startsWith("p")) {
                try {
                    return Duration.parse(raw.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    // fall through to the common message
                }
            }
            throw new IllegalArgumentException("expected a duration like 500ms, 10s, 5m, 1h or 2d");
        }

        @Override
        public String format(Duration d) {
            long ms = d.toMillis();
            if (ms % 86_400_000 == 0 && ms > 0) return ms / 86_400_000 + "d";
            if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
            if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
            if (ms % 1000 == 0) return ms / 1000 + "s";
            return ms + "ms";
        }

        @Override
        public String describe() {
            return "duration";
        }
    };

    ValueType<Instant> INSTANT = new ValueType<>() {
        @Override
        public Instant parse(String raw) {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected an ISO-8601 UTC time like 2026-01-01T00:00:00Z");
            }
        }

        @Override
        public String describe() {
            return "UTC time";
        }
    };

    ValueType<List<String>> LIST = new ValueType<>() {
        @Override
        public List<String> parse(String raw) {
            List<String> out = new ArrayList<>();
            for (String part : raw.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
            return List.copyOf(out);
        }

        @Override
        public String format(List<String> value) {
            return String.join(",", value);
        }

        @Override
        public String describe() {
            return "comma list";
        }
    };

    ValueType<URI> URL = new ValueType<>() {
        @Override
        public URI parse(String raw) {
            try {
                URI uri = new URI(raw);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new IllegalArgumentException("expected an http:// or https:// URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("expected an http:// or https:// URL");
            }
        }

        @Override
        public String describe() {
            return "URL";
        }
    };

    static ValueType<Integer> intRange(int min, int max) {
        ValueType<Long> longs = longRange(min, max);
        return new ValueType<>() {
            @Override
            public Integer parse(String raw) {
                return longs.parse(raw).intValue();
            }

            @Override
            public String describe() {
                return longs.describe();
            }
        };
    }

    static ValueType<Long> longRange(long min, long max) {
        return new ValueType<>() {
            @Override
            public Long parse(String raw) {
                long v;
                try {
                    v = Long.parseLong(raw);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a whole number");
                }
                if (v < min || v > max) {
                    throw new IllegalArgumentException("expected a number from " + min + " to " + max);
                }
                return v;
            }

            @Override
            public String describe() {
                return "integer";
            }
        };
    }

    /** A decimal number in the open-closed range (min, max]. */
    static ValueType<Double> ratio(double minExclusive, double maxInclusive) {
        return new ValueType<>() {
            @Override
            public Double parse(String raw) {
                double v;
                try {
                    v = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number");
                }
                if (!(v > minExclusive && v <= maxInclusive)) {
                    throw new IllegalArgumentException(
                            "expected a number greater than " + minExclusive + " and at most " + maxInclusive);
                }
                return v;
            }

            @Override
            public String describe() {
                return "number";
            }
        };
    }

    static ValueType<String> oneOf(String... choices) {
        return new ValueType<>() {
            @Override
            public String parse(String raw) {
                String v = raw.toLowerCase(Locale.ROOT);
                for (String c : choices) {
                    if (c.equals(v)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException("expected one of " + String.join(", ", choices));
            }

            @Override
            public String describe() {
                return String.join("|", choices);
            }
        };
    }
}
