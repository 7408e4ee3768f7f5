package io.stashwatch.model.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * One thread's string codec for a record type whose fields often repeat from one record to the
 * next: consecutive listing events mostly come from one stash (same stash id, account, league,
 * realm and change id) and share currencies and notes. For each such field (a slot) it remembers
 * the last string written with its encoding, and the last string read with its bytes, so a repeated
 * value is neither encoded nor decoded again and the records read share one instance of it.
 *
 * <p>The bytes are exactly those of {@link RecordSerializer#writeString}: the cache changes how
 * much work a string costs, never what is written or what is read. Not thread-safe: one per thread
 * ({@link #forThread}), used by one record at a time.
 */
final class RepeatedStrings {
    /** Strings up to this many bytes are read through {@link #scratch} instead of a new array. */
    static final int SCRATCH_BYTES = 1024;

    /** The read buffer, shared by every string this thread reads through this codec. */
    final byte[] scratch = new byte[SCRATCH_BYTES];

    private final String[] written;
    /** {@link RecordSerializer#writeString} of each slot's {@link #written} string. */
    private final DataOutputSerializer[] encoded;

    private final String[] read;
    private final byte[][] readBytes;
    private final int[] readLength;

    RepeatedStrings(int slots) {
        written = new String[slots];
        encoded = new DataOutputSerializer[slots];
        read = new String[slots];
        readBytes = new byte[slots][];
        readLength = new int[slots];
        for (int i = 0; i < slots; i++) {
            encoded[i] = new DataOutputSerializer(64);
            readBytes[i] = new byte[64];
        }
    }

    /** A per-thread codec of {@code slots} slots. */
    static ThreadLocal<RepeatedStrings> forThread(int slots) {
        return ThreadLocal.withInitial(() -> new RepeatedStrings(slots));
    }

    /** {@link RecordSerializer#writeString}, reusing the encoding when {@code s} equals the slot's last string. */
    void write(String s, DataOutputView out, int slot) throws IOException {
        if (s == null || s.isEmpty()) {
            RecordSerializer.writeString(s, out);
            return;
        }
        DataOutputSerializer bytes = encoded[slot];
        String last = written[slot];
        if (s != last && !s.equals(last)) {
            bytes.clear();
            RecordSerializer.writeString(s, bytes);
            written[slot] = s;
        }
        out.write(bytes.getSharedBuffer(), 0, bytes.length());
    }

    /** {@link RecordSerializer#readString}, returning the slot's last string when the bytes are the same. */
    String read(DataInputView in, int slot) throws IOException {
        int header = RecordSerializer.readVarInt(in);
        if (header <= 1) {
            return header == 0 ? null : "";
        }
        int length = RecordSerializer.utf8Length(header);
        if (length < 0 || length > SCRATCH_BYTES) {
            return RecordSerializer.readStringBody(in, header, scratch);
        }
        in.readFully(scratch, 0, length);
        byte[] last = readBytes[slot];
        if (length == readLength[slot] && Arrays.equals(scratch, 0, length, last, 0, length)) {
            return read[slot];
        }
        String s = new String(scratch, 0, length, StandardCharsets.UTF_8);
        if (last.length < length) {
            last = readBytes[slot] = new byte[Math.max(length, 2 * last.length)];
        }
        System.arraycopy(scratch, 0, last, 0, length);
        readLength[slot] = length;
        read[slot] = s;
        return s;
    }

    /** {@link RecordSerializer#readString} through this thread's buffer, for a field with no slot. */
    String read(DataInputView in) throws IOException {
        return RecordSerializer.readString(in, scratch);
    }
}
