package io.stashwatch.source.split;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Versioned serializer of {@link RiverSplit}, so checkpoints survive upgrades. */
public final class RiverSplitSerializer implements SimpleVersionedSerializer<RiverSplit> {
    public static final RiverSplitSerializer INSTANCE = new RiverSplitSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(RiverSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public RiverSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown river split version " + version + " (this build reads " + VERSION + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    /** Writes a split in version-1 layout (also used inside the enumerator state). */
    public static void write(RiverSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.realm());
        out.writeUTF(split.cursor());
        out.writeLong(split.seq());
        out.writeLong(split.riverTime());
    }

    /** Reads a split in version-1 layout. */
    public static RiverSplit read(DataInputStream in) throws IOException {
        String realm = in.readUTF();
        String cursor = in.readUTF();
        long seq = in.readLong();
        long riverTime = in.readLong();
        return new RiverSplit(realm, cursor, seq, riverTime);
    }
}
