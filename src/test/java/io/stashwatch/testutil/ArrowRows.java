package io.stashwatch.testutil;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;

/** Reads Arrow IPC files back with Arrow Java, as plain values. */
public final class ArrowRows {
    private ArrowRows() {
    }

    /** All rows of a file; each value as Arrow Java returns it (Text, Integer, Long, Double, LocalDateTime, null). */
    public static List<List<Object>> read(Path file) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        Object o = v.getObject(r);
                        row.add(o == null ? null : o instanceof org.apache.arrow.vector.util.Text ? o.toString() : o);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Column names of a file. */
    public static List<String> columns(Path file) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
            List<String> out = new ArrayList<>();
            reader.getVectorSchemaRoot().getSchema().getFields().forEach(f -> out.add(f.getName()));
            return out;
        }
    }

    /** Footer metadata of a file. */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
            reader.initialize();
            return reader.getMetaData();
        }
    }
}
