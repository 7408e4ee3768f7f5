package io.stashwatch.poe.river;

import java.util.Arrays;

/** A growable byte array for a page body being downloaded. */
final class PageBuffer {
    private byte[] bytes;
    private int size;

    PageBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    void write(byte[] b, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + len, bytes.length * 2));
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** True when the last non-whitespace byte closes a JSON object (a body that was not cut short). */
    boolean endsWithObjectClose() {
        for (int i = size - 1; i >= 0; i--) {
            byte b = bytes[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '}';
        }
        return false;
    }
}
