package io.stashwatch.model.serial;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Base of the hand-written serializers of mutable stream records: stateless (one shared instance),
 * no reflection, no boxing, one version byte in front of every record so the format can evolve.
 * Readers accept every earlier version, so state written by an earlier release restores as it is.
 * Version 1 wrote strings in Flink's {@link StringValue} encoding (one call per char); version 2
 * writes them as {@link #writeString length + UTF-8 bytes}. Stateless as the serializers are, each
 * thread keeps its own {@link RepeatedStrings} for the fields that repeat from record to record.
 */
public abstract class RecordSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    /**
     * A string or null: a varint header, then the string. Header 0 is null; otherwise it is
     * {@code (length << 1 | form) + 1}: form 0 is {@code length} bytes of UTF-8, written and read in
     * one call each (the common case); form 1 is {@code length} chars of two bytes each, for the rare
     * string UTF-8 cannot carry unchanged (an unpaired surrogate), so every string round-trips exactly.
     */
    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        if (s.isEmpty()) {
            out.writeByte(1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (!lossless(s, utf8)) {
            writeVarInt((s.length() << 1 | 1) + 1, out);
            out.writeChars(s);
            return;
        }
        writeVarInt((utf8.length << 1) + 1, out);
        out.write(utf8, 0, utf8.length);
    }

    /**
     * A string of {@link #writeString} or null, in a new array. The serializers read through
     * their thread's {@link RepeatedStrings} instead, which gives the same strings.
     */
    static String readString(DataInputView in) throws IOException {
        return readString(in, null);
    }

    /** {@link #readString(DataInputView)} through {@code scratch} (or null) when it is UTF-8 that fits. */
    static String readString(DataInputView in, byte[] scratch) throws IOException {
        int header = readVarInt(in);
        if (header <= 1) {
            return header == 0 ? null : "";
        }
        return readStringBody(in, header, scratch);
    }

    /**
     * The string after its (non-null, non-empty) {@code header}, read through {@code scratch} when
     * it is UTF-8 that fits (else into a new array).
     */
    static String readStringBody(DataInputView in, int header, byte[] scratch) throws IOException {
        int bytes = utf8Length(header);
        if (bytes >= 0) {
            byte[] utf8 = scratch != null && bytes <= scratch.length ? scratch : new byte[bytes];
            in.readFully(utf8, 0, bytes);
            return new String(utf8, 0, bytes, StandardCharsets.UTF_8);
        }
        char[] chars = new char[(header - 1) >>> 1];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    /** The UTF-8 byte count in a string header of more than 1, or -1 for a string written as chars. */
    static int utf8Length(int header) {
        return ((header - 1) & 1) == 0 ? (header - 1) >>> 1 : -1;
    }

    /**
     * Whether {@code utf8}, the UTF-8 encoding of {@code s}, decodes back to {@code s}. The encoder
     * replaces an unpaired surrogate by '?', and no other char yields a '?' byte: without a '?'
     * byte it does; with one, decode and see. The scan looks at 8 bytes per step, the last step
     * overlapping the one before when the length is not a multiple of 8.
     */
    static boolean lossless(String s, byte[] utf8) {
        int n = utf8.length;
        if (n < 8) {
            for (int i = 0; i < n; i++) {
                if (utf8[i] == '?') {
                    return new String(utf8, StandardCharsets.UTF_8).equals(s);
                }
            }
            return true;
        }
        for (int i = 0;; i += 8) {
            if (i > n - 8) {
                i = n - 8;
            }
            if (hasQuestionMark((long) LONGS.get(utf8, i))) {
                return new String(utf8, StandardCharsets.UTF_8).equals(s);
            }
            if (i == n - 8) {
                return true;
            }
        }
    }

    /** Whether one of the 8 bytes of {@code word} is '?'. */
    private static boolean hasQuestionMark(long word) {
        long v = word ^ QUESTION_MARKS;
        return ((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0;
    }

    /** A string or null in the form of record version 1 (Flink's {@link StringValue} encoding). */
    static String readStringV1(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    /** A field's {@link RepeatedStrings} slot, for a field that has none. */
    static final int NO_SLOT = -1;

    /**
     * A string field through the thread's {@code strings} and the field's {@code slot} (or
     * {@link #NO_SLOT}); of record version 1 when {@code strings} is null.
     */
    static String readString(DataInputView in, RepeatedStrings strings, int slot) throws IOException {
        if (strings == null) {
            return readStringV1(in);
        }
        return slot == NO_SLOT ? strings.read(in) : strings.read(in, slot);
    }

    /** A non-negative int in 1-5 bytes (7 bits per byte). */
    static void writeVarInt(int v, DataOutputView out) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    static int readVarInt(DataInputView in) throws IOException {
        int v = 0;
        int shift = 0;
        while (true) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
            if (shift > 28) {
                throw new IOException("malformed varint");
            }
        }
    }

    /** Reads a record's version byte: 1 up to {@code latest}. */
    static int readVersion(DataInputView in, int latest, String type) throws IOException {
        int version = in.readUnsignedByte();
        if (version < 1 || version > latest) {
            throw new IOException("unknown " + type + " record version " + version);
        }
        return version;
    }
}
