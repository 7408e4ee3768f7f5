package io.stashwatch.sink.arrow;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Appends records to one Arrow IPC file in record batches of a fixed number of rows. The file is
 * complete (readable) only after {@link #finish()}, which also forces it to disk.
 *
 * @param <T> the record type
 */
final class ArrowChunkWriter<T> implements AutoCloseable {
    private final Path file;
    private final ArrowRowFormat<T> format;
    private final int batchRows;
    private final FileChannel channel;
    private final VectorSchemaRoot root;
    private final ArrowFileWriter writer;
    private int rows;
    private long total;
    private boolean done;

    ArrowChunkWriter(Path file, ArrowRowFormat<T> format, BufferAllocator allocator, int batchRows) throws IOException {
        this.file = file;
        this.format = format;
        this.batchRows = batchRows;
        Files.createDirectories(file.getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        this.root = VectorSchemaRoot.create(format.schema(), allocator);
        this.writer = new ArrowFileWriter(root, null, channel);
        writer.start();
        root.allocateNew();
    }

    Path file() {
        return file;
    }

    long rows() {
        return total;
    }

    void append(T record) throws IOException {
        format.write(root, rows, record);
        rows++;
        total++;
        if (rows == batchRows) {
            writeBatch();
        }
    }

    private void writeBatch() throws IOException {
        root.setRowCount(rows);
        writer.writeBatch();
        root.allocateNew();
        rows = 0;
    }

    /** Writes the last batch and the footer, forces the file to disk and closes it. */
    void finish() throws IOException {
        if (rows > 0) {
            writeBatch();
        }
        writer.end();
        channel.force(true);
        done = true;
        close();
    }

    /** Closes without finishing and deletes the file. */
    void abort() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover is removed on the next restore
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
        root.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    boolean finished() {
        return done;
    }
}
