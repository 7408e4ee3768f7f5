package io.stashwatch.detect.cx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Versioned serialisation of {@link CurrencySplit} and of the enumerator's unassigned splits. */
final class CurrencySplitSerializer implements SimpleVersionedSerializer<CurrencySplit> {
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(CurrencySplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public CurrencySplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    static void write(CurrencySplit split, DataOutputStream out) throws IOException {
        out.writeInt(split.realms.length);
        for (int i = 0; i < split.realms.length; i++) {
            out.writeUTF(split.realms[i]);
            out.writeLong(split.emittedHours[i]);
        }
    }

    static CurrencySplit read(DataInputStream in) throws IOException {
        int n = in.readInt();
        String[] realms = new String[n];
        long[] hours = new long[n];
        for (int i = 0; i < n; i++) {
            realms[i] = in.readUTF();
            hours[i] = in.readLong();
        }
        return new CurrencySplit(realms, hours);
    }

    static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown currency split version " + version);
        }
    }

    /** The enumerator's checkpoint: its unassigned splits (at most one). */
    static final class EnumeratorState implements SimpleVersionedSerializer<List<CurrencySplit>> {
        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(List<CurrencySplit> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(splits.size());
                for (CurrencySplit s : splits) {
                    write(s, out);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public List<CurrencySplit> deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int n = in.readInt();
                List<CurrencySplit> splits = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    splits.add(read(in));
                }
                return splits;
            }
        }
    }
}
