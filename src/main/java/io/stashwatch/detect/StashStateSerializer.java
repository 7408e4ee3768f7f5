package io.stashwatch.detect;

import io.stashwatch.market.StashState;
import io.stashwatch.market.StashStateCodec;
import io.stashwatch.model.serial.StreamWrites;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of the per-stash delta state, in the compact {@link StashStateCodec} format
 * (no Kryo, no POJO field overhead). {@link StashState} is immutable, so copies are the instance.
 */
public final class StashStateSerializer extends TypeSerializer<StashState> {

    private static final long serialVersionUID = 1L;

    public static final StashStateSerializer INSTANCE = new StashStateSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<StashState> duplicate() {
        return this;
    }

    @Override
    public StashState createInstance() {
        return StashState.empty();
    }

    @Override
    public StashState copy(StashState from) {
        return from;
    }

    @Override
    public StashState copy(StashState from, StashState reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(StashState record, DataOutputView target) throws IOException {
        StreamWrites.write(record, target, StashStateCodec::write);
    }

    @Override
    public StashState deserialize(DataInputView source) throws IOException {
        return StashStateCodec.read(source);
    }

    @Override
    public StashState deserialize(StashState reuse, DataInputView source) throws IOException {
        return StashStateCodec.read(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        StashStateCodec.write(StashStateCodec.read(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof StashStateSerializer;
    }

    @Override
    public int hashCode() {
        return StashStateSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<StashState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the serializer's configuration (it has none beyond its format). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StashState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
