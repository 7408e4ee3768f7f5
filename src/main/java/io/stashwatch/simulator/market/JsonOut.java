package io.stashwatch.simulator.market;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON byte writer: the caller writes structure (commas, braces) itself, this class only
 * appends raw bytes, numbers and escaped strings to a growable buffer. Much faster than a tree or
 * a generator for output that is mostly precomputed fragments.
 */
final class JsonOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] buf;
    private int len;

    JsonOut(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void reset() {
        len = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    JsonOut raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    JsonOut raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** Appends ASCII text as is (no quotes, no escaping). */
    JsonOut ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    JsonOut num(long v) {
        if (v == 0) {
            return raw('0');
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return ascii(Long.toString(v));
            }
            raw('-');
            v = -v;
        }
        ensure(20);
        int start = len;
        while (v > 0) {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    JsonOut bool(boolean b) {
        return raw(b ? TRUE : FALSE);
    }

    JsonOut nul() {
        return raw(NULL);
    }

    /** A quoted, escaped JSON string, or null. */
    JsonOut str(String s) {
        if (s == null) {
            return nul();
        }
        return raw(quote(s));
    }

    /** The bytes of {@code s} as a quoted, escaped JSON string (UTF-8). */
    static byte[] quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append((char) HEX[c >> 4]).append((char) HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 64 lowercase hex characters from four longs (item and stash ids). */
    static byte[] hex64(long a, long b, long c, long d) {
        byte[] out = new byte[64];
        long[] parts = {a, b, c, d};
        for (int p = 0; p < 4; p++) {
            long v = parts[p];
            for (int i = 15; i >= 0; i--) {
                out[p * 16 + i] = HEX[(int) (v & 15)];
                v >>>= 4;
            }
        }
        return out;
    }
}
