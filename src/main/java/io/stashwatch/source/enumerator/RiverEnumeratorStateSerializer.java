package io.stashwatch.source.enumerator;

import io.stashwatch.source.split.RiverSplit;
import io.stashwatch.source.split.RiverSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Versioned serializer of {@link RiverEnumeratorState}. */
public final class RiverEnumeratorStateSerializer implements SimpleVersionedSerializer<RiverEnumeratorState> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(RiverEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.initializedRealms().size());
            for (String realm : state.initializedRealms()) {
                out.writeUTF(realm);
            }
            out.writeInt(state.pending().size());
            for (RiverSplit split : state.pending()) {
                RiverSplitSerializer.write(split, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public RiverEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown river enumerator state version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int realms = in.readInt();
            Set<String> initialized = new LinkedHashSet<>();
            for (int i = 0; i < realms; i++) {
                initialized.add(in.readUTF());
            }
            int pendingCount = in.readInt();
            List<RiverSplit> pending = new ArrayList<>(pendingCount);
            for (int i = 0; i < pendingCount; i++) {
                pending.add(RiverSplitSerializer.read(in));
            }
            return new RiverEnumeratorState(initialized, pending);
        }
    }
}
