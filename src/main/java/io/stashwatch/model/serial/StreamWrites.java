package io.stashwatch.model.serial;

import java.io.IOException;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes one record into a stream with a single call. Checkpoints of heap state hand serializers a
 * {@code DataOutputViewStreamWrapper}, where every {@code writeByte} or varint byte is a chain of
 * virtual calls down to the checkpoint stream; a record is cheaper composed in a per-thread
 * in-memory buffer and copied once. Targets that already are in-memory buffers (network records,
 * RocksDB values) are written directly. The bytes are the same either way.
 */
public final class StreamWrites {

    /** Writes a value to a data output. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T value, DataOutputView out) throws IOException;
    }

    private static final int INITIAL = 4096;
    /** A buffer grown beyond this by one huge record is not kept. */
    private static final int MAX_KEPT = 1 << 20;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private StreamWrites() {
    }

    /** {@code writer.write(value, target)}, through the thread's buffer when the target is a stream. */
    public static <T> void write(T value, DataOutputView target, Writer<T> writer) throws IOException {
        if (target instanceof DataOutputSerializer) {
            writer.write(value, target);
            return;
        }
        Scratch scratch = SCRATCH.get();
        if (scratch.busy) {
            // a record inside a record: the outer one is being buffered already
            writer.write(value, target);
            return;
        }
        scratch.busy = true;
        try {
            DataOutputSerializer buf = scratch.buf;
            buf.clear();
            writer.write(value, buf);
            target.write(buf.getSharedBuffer(), 0, buf.length());
            if (buf.getSharedBuffer().length > MAX_KEPT) {
                scratch.buf = new DataOutputSerializer(INITIAL);
            }
        } finally {
            scratch.busy = false;
        }
    }

    private static final class Scratch {
        DataOutputSerializer buf = new DataOutputSerializer(INITIAL);
        boolean busy;
    }
}
