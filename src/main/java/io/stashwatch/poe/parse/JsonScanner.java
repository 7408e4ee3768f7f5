package io.stashwatch.poe.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level JSON primitives over a UTF-8 buffer for the page parser: whitespace, strings (scanned
 * eight bytes at a time, validated, decoded only on request), numbers, literals, and skipping whole
 * values. Positions are passed in and returned as indexes into {@link #buf}; the extra results of a
 * scan (string flags, number kind and value) are left in fields.
 *
 * <p>Accepts and rejects exactly what Jackson's default {@code UTF8StreamJsonParser} does for the
 * parts of a document it reads: only space, tab, CR and LF as whitespace; no comments, trailing
 * commas, leading zeroes, leading plus signs, NaN or unquoted control characters; the escapes
 * {@code \" \\ \/ \b \f \n \r \t \\uXXXX} only (lone surrogates allowed); UTF-8 validated as Jackson
 * does (lead byte class and continuation bytes, no overlong or range check: overlong forms decode to
 * the same chars as in Jackson); nesting deeper than 1000 and numbers longer than 1000 digits
 * rejected. Errors are {@link Malformed} exceptions whose message names the byte offset from the
 * body's start; the page parser turns them into its checked exception.
 *
 * <p>Not thread-safe; one per parser.
 */
public final class JsonScanner {

    /** String flag: the string had at least one backslash escape. */
    public static final int ESCAPED = 1;
    /** String flag: the string had bytes outside ASCII. */
    public static final int NON_ASCII = 2;

    /** Number kind: an integer (no fraction, no exponent). */
    public static final int INT = 1;
    /** Number kind: a fraction or an exponent. */
    public static final int FLOAT = 2;

    /** Jackson's default {@code StreamReadConstraints}. */
    private static final int MAX_DEPTH = 1000;
    private static final int MAX_NUMBER_LENGTH = 1000;

    /** Little-endian longs of a byte array (for comparing and hashing eight bytes at a time). */
    public static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The {@code len} (below 8) bytes at {@code b[from]} as the low bytes of a little-endian long,
     * the rest zero: the same value {@link #LONGS} reads from those bytes padded with zeroes.
     */
    public static long shortBytes(byte[] b, int from, int len) {
        if (from + 8 <= b.length) {
            return (long) LONGS.get(b, from) & ((1L << (len << 3)) - 1);
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            v |= (long) (b[from + i] & 0xFF) << (i << 3);
        }
        return v;
    }
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    public byte[] buf;
    /** Index of the body's first byte (error offsets are relative to it). */
    public int base;
    /** Index after the body's last byte. */
    public int end;

    /** Flags ({@link #ESCAPED}, {@link #NON_ASCII}) of the last scanned string. */
    public int stringFlags;
    /** Kind ({@link #INT}, {@link #FLOAT}) of the last scanned number. */
    public int numberKind;
    /** Start (inclusive) of the last scanned number's text. */
    public int numberStart;

    private char[] chars = new char[256];

    public void reset(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.base = offset;
        this.end = offset + length;
    }

    /** Malformed input; the message names the byte offset. No stack trace (the message says where). */
    public static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    public Malformed error(String what, int p) {
        return new Malformed("malformed page body: " + what + " at byte " + (p - base));
    }

    private Malformed unexpected(int p, String expected) {
        if (p >= end) {
            return error("unexpected end of input, expected " + expected, p);
        }
        int c = buf[p] & 0xFF;
        String shown = c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
        return error("unexpected " + shown + ", expected " + expected, p);
    }

    /** The index of the first non-whitespace byte at or after {@code p} (may be {@link #end}). */
    public int ws(int p) {
        byte[] b = buf;
        while (p < end) {
            int c = b[p];
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
                return p;
            }
            p++;
        }
        return p;
    }

    /** The byte at {@code p}, or -1 at the end. */
    public int at(int p) {
        return p < end ? buf[p] & 0xFF : -1;
    }

    /**
     * After a member or element value: skips whitespace and then a comma (returns the index after it,
     * positive) or the container's {@code close} (returns {@code -(index after it) - 1}, negative).
     */
    public int afterValue(int p, int close, String container) {
        p = ws(p);
        if (p < end) {
            int c = buf[p];
            if (c == ',') {
                return p + 1;
            }
            if (c == close) {
                return -(p + 1) - 1;
            }
        }
        throw unexpected(p, "',' or '" + (char) close + "' in " + container);
    }

    /**
     * Expects a member name (after whitespace) at {@code p}: returns the index after its opening quote.
     */
    public int expectName(int p) {
        p = ws(p);
        if (p < end && buf[p] == '"') {
            return p + 1;
        }
        throw unexpected(p, "a field name");
    }

    /** After a member name ending before {@code p}: skips the colon and whitespace; the index of the value. */
    public int colon(int p) {
        p = ws(p);
        if (p < end && buf[p] == ':') {
            p = ws(p + 1);
            if (p < end) {
                return p;
            }
        }
        throw unexpected(p, "':' and a value");
    }

    /**
     * Scans a string whose opening quote is just before {@code p}, validating escapes and UTF-8:
     * returns the index of the closing quote; {@link #stringFlags} tells whether it had escapes or
     * bytes outside ASCII.
     */
    public int scanString(int p) {
        byte[] b = buf;
        int e = end;
        int flags = 0;
        for (;;) {
            while (p + 8 <= e) {
                long x = (long) LONGS.get(b, p);
                // A high bit marks a byte outside ASCII, a quote or backslash (a zero byte after the
                // xor borrows) or a control character (borrows under 0x20). Borrows only run upwards
                // and bytes outside ASCII are marked anyway, so the lowest mark is a real one.
                long m = (x | ((x ^ QUOTES) - ONES) | ((x ^ BACKSLASHES) - ONES) | (x - SPACES)) & HIGHS;
                if (m != 0) {
                    p += Long.numberOfTrailingZeros(m) >>> 3;
                    break;
                }
                p += 8;
            }
            if (p >= e) {
                throw error("unterminated string", p);
            }
            int c = b[p] & 0xFF;
            if (c == '"') {
                stringFlags = flags;
                return p;
            }
            if (c == '\\') {
                flags |= ESCAPED;
                p = skipEscape(p + 1);
            } else if (c < 0x20) {
                throw error(String.format("unescaped control character 0x%02X in a string", c), p);
            } else if (c >= 0x80) {
                flags |= NON_ASCII;
                p = skipUtf8(c, p);
            } else {
                p++;
            }
        }
    }

    private int skipEscape(int p) {
        if (p >= end) {
            throw error("unterminated string", p);
        }
        switch (buf[p]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return p + 1;
            case 'u':
                for (int i = 1; i <= 4; i++) {
                    if (p + i >= end) {
                        throw error("unterminated string", p + i);
                    }
                    if (hex(buf[p + i]) < 0) {
                        throw error("expected a hex digit in a \\u escape", p + i);
                    }
                }
                return p + 5;
            default:
                throw error("unrecognised escape in a string", p);
        }
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Number of continuation bytes after lead byte {@code c} (as Jackson classifies them), or -1. */
    private static int continuations(int c) {
        if ((c & 0xE0) == 0xC0) {
            return 1;
        }
        if ((c & 0xF0) == 0xE0) {
            return 2;
        }
        if ((c & 0xF8) == 0xF0) {
            return 3;
        }
        return -1;
    }

    private int skipUtf8(int c, int p) {
        int n = continuations(c);
        if (n < 0) {
            throw error(String.format("invalid UTF-8 start byte 0x%02X", c), p);
        }
        for (int i = 1; i <= n; i++) {
            if (p + i >= end) {
                throw error("unterminated string", p + i);
            }
            if ((buf[p + i] & 0xC0) != 0x80) {
                throw error(String.format("invalid UTF-8 continuation byte 0x%02X", buf[p + i] & 0xFF), p + i);
            }
        }
        return p + n + 1;
    }

    /**
     * The chars of the (already scanned, valid) string {@code buf[from, to)} decoded as Jackson does,
     * in {@link #chars()} from index 0; returns their count.
     */
    public int decode(int from, int to) {
        char[] out = chars;
        if (out.length < to - from) {
            out = chars = new char[Math.max(to - from, out.length * 2)];
        }
        byte[] b = buf;
        int n = 0;
        int p = from;
        while (p < to) {
            int c = b[p] & 0xFF;
            if (c == '\\') {
                int e = b[p + 1];
                p += 2;
                switch (e) {
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        out[n++] = (char) ((hex(b[p]) << 12) | (hex(b[p + 1]) << 8) | (hex(b[p + 2]) << 4) | hex(b[p + 3]));
                        p += 4;
                    }
                    default -> out[n++] = (char) e;
                }
            } else if (c < 0x80) {
                out[n++] = (char) c;
                p++;
            } else if ((c & 0xE0) == 0xC0) {
                out[n++] = (char) (((c & 0x1F) << 6) | (b[p + 1] & 0x3F));
                p += 2;
            } else if ((c & 0xF0) == 0xE0) {
                out[n++] = (char) (((((c & 0x0F) << 6) | (b[p + 1] & 0x3F)) << 6) | (b[p + 2] & 0x3F));
                p += 3;
            } else {
                int v = ((c & 0x07) << 6) | (b[p + 1] & 0x3F);
                v = (v << 6) | (b[p + 2] & 0x3F);
                v = ((v << 6) | (b[p + 3] & 0x3F)) - 0x10000;
                out[n++] = (char) (0xD800 | (v >> 10));
                out[n++] = (char) (0xDC00 | (v & 0x3FF));
                p += 4;
            }
        }
        return n;
    }

    /** The buffer {@link #decode} fills. */
    public char[] chars() {
        return chars;
    }

    /** The scanned string {@code buf[from, to)} with flags {@code flags} as a new String. */
    public String string(int from, int to, int flags) {
        if (flags == 0) {
            return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        }
        int n = decode(from, to);
        return new String(chars, 0, n);
    }

    /**
     * Scans a number starting at {@code p} (a '-' or a digit): returns the index after it and sets
     * {@link #numberKind} and {@link #numberStart}.
     */
    public int scanNumber(int p) {
        byte[] b = buf;
        int e = end;
        numberStart = p;
        if (b[p] == '-') {
            p++;
        }
        int digits = p;
        if (p >= e || !digit(b[p])) {
            throw error("expected a digit after '-'", p);
        }
        if (b[p] == '0') {
            p++;
            if (p < e && digit(b[p])) {
                throw error("leading zeroes are not allowed in a number", p);
            }
        } else {
            while (p < e && digit(b[p])) {
                p++;
            }
        }
        int intLen = p - digits;
        int kind = INT;
        int fracLen = 0;
        int expLen = 0;
        if (p < e && b[p] == '.') {
            kind = FLOAT;
            int from = ++p;
            while (p < e && digit(b[p])) {
                p++;
            }
            fracLen = p - from;
            if (fracLen == 0) {
                throw error("expected a digit after the decimal point", p);
            }
        }
        if (p < e && (b[p] == 'e' || b[p] == 'E')) {
            kind = FLOAT;
            p++;
            if (p < e && (b[p] == '-' || b[p] == '+')) {
                p++;
            }
            int from = p;
            while (p < e && digit(b[p])) {
                p++;
            }
            expLen = p - from;
            if (expLen == 0) {
                throw error("expected a digit in the exponent", p);
            }
        }
        if (kind == INT ? intLen > MAX_NUMBER_LENGTH : intLen + fracLen + expLen > MAX_NUMBER_LENGTH) {
            throw error("number longer than " + MAX_NUMBER_LENGTH + " digits", numberStart);
        }
        numberKind = kind;
        return p;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The int value of the integer number {@code buf[numberStart, p)}; rejects values outside int. */
    public int intValue(int p) {
        int i = numberStart;
        boolean negative = buf[i] == '-';
        if (negative) {
            i++;
        }
        if (p - i > 10) {
            throw error("numeric value out of range of int", numberStart);
        }
        long v = 0;
        for (; i < p; i++) {
            v = v * 10 + (buf[i] - '0');
        }
        if (negative) {
            v = -v;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("numeric value out of range of int", numberStart);
        }
        return (int) v;
    }

    /** Matches the literal {@code true}, {@code false} or {@code null} at {@code p}; returns the index after it. */
    public int literal(int p, byte[] word) {
        int n = word.length;
        if (p + n > end) {
            throw error("unrecognised token", p);
        }
        for (int i = 1; i < n; i++) {
            if (buf[p + i] != word[i]) {
                throw error("unrecognised token", p);
            }
        }
        return p + n;
    }

    public static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    public static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    public static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /**
     * Skips the value starting at {@code p} (not whitespace) inside containers {@code depth} deep,
     * validating it; returns the index after it.
     */
    public int skipValue(int p, int depth) {
        switch (buf[p]) {
            case '"':
                return scanString(p + 1) + 1;
            case '{':
                return skipObject(p + 1, depth + 1);
            case '[':
                return skipArray(p + 1, depth + 1);
            case 't':
                return literal(p, TRUE);
            case 'f':
                return literal(p, FALSE);
            case 'n':
                return literal(p, NULL);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
                return scanNumber(p);
            default:
                throw unexpected(p, "a value");
        }
    }

    /** Checks the nesting depth of a container just opened ({@code depth} counts the root object as 1). */
    public void enter(int depth, int p) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH, p);
        }
    }

    /** Skips the rest of an object whose '{' is just before {@code p}; returns the index after its '}'. */
    public int skipObject(int p, int depth) {
        enter(depth, p - 1);
        p = ws(p);
        if (p < end && buf[p] == '}') {
            return p + 1;
        }
        for (;;) {
            p = expectName(p);
            p = scanString(p) + 1;
            p = colon(p);
            p = skipValue(p, depth);
            p = afterValue(p, '}', "an object");
            if (p < 0) {
                return -p - 1;
            }
        }
    }

    /** Skips the rest of an array whose '[' is just before {@code p}; returns the index after its ']'. */
    public int skipArray(int p, int depth) {
        enter(depth, p - 1);
        p = ws(p);
        if (p < end && buf[p] == ']') {
            return p + 1;
        }
        for (;;) {
            p = value(p);
            p = skipValue(p, depth);
            p = afterValue(p, ']', "an array");
            if (p < 0) {
                return -p - 1;
            }
        }
    }

    /** Skips whitespace before an array element; the index of the element. */
    public int value(int p) {
        p = ws(p);
        if (p >= end) {
            throw unexpected(p, "a value");
        }
        return p;
    }
}
