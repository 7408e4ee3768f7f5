package io.stashwatch.sink.arrow;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * The visible files: one per table and roll period of river time,
 * {@code <dir>/<table>/<table>-<yyyyMMdd'T'HHmmss'Z'>.arrow} named by the period's start. A file
 * appears at once, complete, by renaming a finished temporary file; readers never see a partial
 * file. Its footer metadata names the table, the period and the chunks merged into it, which makes
 * merging idempotent: a chunk already named in the file is never added twice.
 */
public final class ArrowPeriodFiles {
    /** Footer metadata keys. */
    public static final String META_TABLE = "stashwatch.table";
    public static final String META_PERIOD_START = "stashwatch.period_start";
    public static final String META_PERIOD_END = "stashwatch.period_end";
    static final String META_CHUNKS = "stashwatch.chunks";

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ArrowPeriodFiles() {
    }

    /** Start of the roll period containing {@code riverTime}: periods are aligned to the epoch. */
    public static long periodStart(long riverTime, long rollMs) {
        return Math.floorDiv(riverTime, rollMs) * rollMs;
    }

    /** The visible file of a period. */
    public static Path periodFile(Path dir, String table, long periodStart) {
        return dir.resolve(table).resolve(table + "-" + NAME.format(Instant.ofEpochMilli(periodStart)) + ".arrow");
    }

    /**
     * Merges {@code chunks} (finished chunk files of this period, in order) into the period's file:
     * the existing file's batches first, then those of each chunk not already merged into it. Then
     * deletes the chunks. Safe to repeat after a crash at any point.
     *
     * @return rows added to the file
     */
    public static long merge(Path dir, ArrowRowFormat<?> format, long periodStart, long periodEnd, List<Path> chunks,
            BufferAllocator allocator) throws IOException {
        Path target = periodFile(dir, format.table(), periodStart);
        Files.createDirectories(target.getParent());
        Set<String> merged = new LinkedHashSet<>();
        if (Files.exists(target)) {
            merged.addAll(mergedChunks(target, allocator));
        }
        List<Path> fresh = new ArrayList<>();
        for (Path c : chunks) {
            if (!merged.contains(c.getFileName().toString()) && Files.exists(c)) {
                fresh.add(c);
            }
        }
        long added = 0;
        if (!fresh.isEmpty()) {
            Set<String> all = new LinkedHashSet<>(merged);
            fresh.forEach(c -> all.add(c.getFileName().toString()));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put(META_TABLE, format.table());
            meta.put(META_PERIOD_START, Instant.ofEpochMilli(periodStart).toString());
            meta.put(META_PERIOD_END, Instant.ofEpochMilli(periodEnd).toString());
            meta.put(META_CHUNKS, String.join(",", all));
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
                    VectorSchemaRoot root = VectorSchemaRoot.create(format.schema(), allocator);
                    ArrowFileWriter writer = new ArrowFileWriter(root, null, out, meta)) {
                writer.start();
                if (Files.exists(target)) {
                    copyBatches(target, root, writer, allocator);
                }
                for (Path c : fresh) {
                    added += copyBatches(c, root, writer, allocator);
                }
                writer.end();
                out.force(true);
            }
            move(tmp, target);
        }
        for (Path c : chunks) {
            Files.deleteIfExists(c);
        }
        return added;
    }

    /** Chunk file names already merged into a period file (from its footer). */
    static Set<String> mergedChunks(Path file, BufferAllocator allocator) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(in, allocator)) {
            reader.initialize();
            String v = reader.getMetaData().get(META_CHUNKS);
            return v == null || v.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(v.split(",")));
        }
    }

    private static long copyBatches(Path from, VectorSchemaRoot into, ArrowFileWriter writer, BufferAllocator allocator)
            throws IOException {
        long rows = 0;
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(in, allocator)) {
            VectorSchemaRoot src = reader.getVectorSchemaRoot();
            if (!src.getSchema().getFields().equals(into.getSchema().getFields())) {
                throw new IOException("Arrow file " + from + " has another schema than " + into.getSchema());
            }
            VectorLoader loader = new VectorLoader(into);
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                try (ArrowRecordBatch batch = new VectorUnloader(src).getRecordBatch()) {
                    loader.load(batch);
                    writer.writeBatch();
                    rows += src.getRowCount();
                }
            }
        }
        return rows;
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
