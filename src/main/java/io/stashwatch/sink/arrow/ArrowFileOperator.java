package io.stashwatch.sink.arrow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one table's records into Arrow IPC files, one per roll period of river time, exactly once.
 * Runs with parallelism 1.
 *
 * <p>Records go straight to a hidden chunk file per open period
 * ({@code <dir>/.pending/<table>/}). A checkpoint finishes the open chunks and records them in
 * operator state; chunks written after the last checkpoint are deleted on restore (their records
 * are replayed). Once a checkpoint completes whose watermark has passed a period's end, that
 * period's chunks are merged into its visible file ({@link ArrowPeriodFiles#merge}). At the end of
 * a bounded input every period is merged. Chunk names carry a lineage id kept in state, so a new
 * job never touches the chunks of another job's state.
 *
 * @param <T> the record type
 */
public final class ArrowFileOperator<T> extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<T, Void>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ArrowFileOperator.class);
    private static final int STATE_VERSION = 1;
    private static final long NOT_CHECKPOINTED = -1;

    private final String dir;
    private final long rollMs;
    private final ArrowRowFormat<T> format;
    private final int batchRows;

    private transient BufferAllocator allocator;
    private transient ListState<byte[]> state;
    private transient String lineage;
    private transient long counter;
    private transient long watermark;
    private transient TreeMap<Long, ArrowChunkWriter<T>> open;
    private transient List<Chunk> chunks;
    private transient TreeMap<Long, Long> watermarkAt;
    private transient boolean finished;

    public ArrowFileOperator(String dir, long rollMs, ArrowRowFormat<T> format, int batchRows) {
        if (rollMs < 1000) {
            throw new IllegalArgumentException("arrow.roll must be at least 1s");
        }
        this.dir = dir;
        this.rollMs = rollMs;
        this.format = format;
        this.batchRows = batchRows;
    }

    private Path base() {
        return Paths.get(dir);
    }

    private Path pendingDir() {
        return base().resolve(".pending").resolve(format.table());
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        allocator = new RootAllocator();
        open = new TreeMap<>();
        chunks = new ArrayList<>();
        watermarkAt = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("arrow-" + format.table(), PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        byte[] saved = null;
        if (context.isRestored()) {
            for (byte[] b : state.get()) {
                saved = b;
            }
        }
        if (saved == null) {
            lineage = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            counter = 0;
        } else {
            long restoredWatermark = decode(saved);
            deleteStrays();
            mergeDue(restoredWatermark, Long.MAX_VALUE);
        }
        Files.createDirectories(pendingDir());
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        T record = element.getValue();
        long period = ArrowPeriodFiles.periodStart(format.riverTime(record), rollMs);
        ArrowChunkWriter<T> w = open.get(period);
        if (w == null) {
            String name = lineage + "-" + period + "-" + (counter++) + ".arrow";
            w = new ArrowChunkWriter<>(pendingDir().resolve(name), format, allocator, batchRows);
            open.put(period, w);
        }
        w.append(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        long id = context.getCheckpointId();
        finishOpen();
        for (Chunk c : chunks) {
            if (c.checkpointId == NOT_CHECKPOINTED) {
                c.checkpointId = id;
            }
        }
        watermarkAt.put(id, watermark);
        state.update(List.of(encode()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        Long wm = watermarkAt.get(checkpointId);
        if (wm != null) {
            mergeDue(wm, checkpointId);
        }
        watermarkAt.headMap(checkpointId, true).clear();
    }

    @Override
    public void endInput() {
        // the final watermark arrives with the end of input; files are merged at the final checkpoint
    }

    @Override
    public void finish() throws Exception {
        finishOpen();
        finished = true;
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            if (finished && !chunks.isEmpty()) {
                // no checkpoint after the end of input (checkpointing disabled): merge what there is
                mergeAll(chunks);
                chunks.clear();
            }
        } finally {
            if (open != null) {
                for (ArrowChunkWriter<T> w : open.values()) {
                    w.abort();
                }
                open.clear();
            }
            if (allocator != null) {
                allocator.close();
            }
            super.close();
        }
    }

    private void finishOpen() throws IOException {
        for (Map.Entry<Long, ArrowChunkWriter<T>> e : open.entrySet()) {
            e.getValue().finish();
            chunks.add(new Chunk(e.getKey(), e.getValue().file().getFileName().toString(), NOT_CHECKPOINTED));
        }
        open.clear();
    }

    /** Merges periods whose end the watermark has passed, using chunks of checkpoints up to {@code upTo}. */
    private void mergeDue(long wm, long upTo) throws IOException {
        List<Chunk> due = new ArrayList<>();
        for (Chunk c : chunks) {
            if (c.checkpointId != NOT_CHECKPOINTED && c.checkpointId <= upTo && c.period + rollMs - 1 <= wm) {
                due.add(c);
            }
        }
        if (!due.isEmpty()) {
            mergeAll(due);
            chunks.removeAll(due);
        }
    }

    private void mergeAll(List<Chunk> list) throws IOException {
        TreeMap<Long, List<Path>> byPeriod = new TreeMap<>();
        for (Chunk c : list) {
            byPeriod.computeIfAbsent(c.period, k -> new ArrayList<>()).add(pendingDir().resolve(c.name));
        }
        for (Map.Entry<Long, List<Path>> e : byPeriod.entrySet()) {
            long rows = ArrowPeriodFiles.merge(base(), format, e.getKey(), e.getKey() + rollMs, e.getValue(), allocator);
            LOG.debug("Arrow {}: {} rows added to {}", format.table(), rows,
                    ArrowPeriodFiles.periodFile(base(), format.table(), e.getKey()));
        }
    }

    /** Deletes this lineage's chunk files that the restored state does not name (written after it). */
    private void deleteStrays() throws IOException {
        Path pending = pendingDir();
        if (!Files.isDirectory(pending)) {
            return;
        }
        Set<String> known = new HashSet<>();
        for (Chunk c : chunks) {
            known.add(c.name);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(pending, lineage + "-*")) {
            for (Path p : ds) {
                if (!known.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private byte[] encode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_VERSION);
            out.writeUTF(lineage);
            out.writeLong(counter);
            out.writeLong(watermark);
            out.writeInt(chunks.size());
            for (Chunk c : chunks) {
                out.writeLong(c.period);
                out.writeUTF(c.name);
                out.writeLong(c.checkpointId);
            }
        }
        return bytes.toByteArray();
    }

    private long decode(byte[] b) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int version = in.readInt();
            if (version != STATE_VERSION) {
                throw new IOException("unknown Arrow writer state version " + version);
            }
            lineage = in.readUTF();
            counter = in.readLong();
            long wm = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                chunks.add(new Chunk(in.readLong(), in.readUTF(), in.readLong()));
            }
            watermark = wm;
            return wm;
        }
    }

    private static final class Chunk {
        final long period;
        final String name;
        long checkpointId;

        Chunk(long period, String name, long checkpointId) {
            this.period = period;
            this.name = name;
            this.checkpointId = checkpointId;
        }
    }
}
