package io.stashwatch.model.serial;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link ListingEvent} between the delta operator, the detector and the sinks, and in the
 * detector's pending-events state: every field written directly, doubles as raw bits (NaN stays
 * the same NaN, so results are bit-identical to the POJO serializer's). State written by Flink's
 * POJO serializer (checkpoints of earlier versions) is migrated on restore.
 */
public final class ListingEventSerializer extends RecordSerializer<ListingEvent> {
    private static final long serialVersionUID = 1L;
    public static final ListingEventSerializer INSTANCE = new ListingEventSerializer();
    /** Version of the records written; 1 (strings as Flink's StringValue) is still read. */
    static final int VERSION = 2;
    private static final EventKind[] KINDS = EventKind.values();

    /** The type information {@code @TypeInfo} on {@link ListingEvent} resolves to. */
    public static final class Factory extends TypeInfoFactory<ListingEvent> {
        @Override
        public TypeInformation<ListingEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return new RecordTypeInfo<>(ListingEvent.class, INSTANCE);
        }
    }

    @Override
    public ListingEvent createInstance() {
        return new ListingEvent();
    }

    @Override
    public ListingEvent copy(ListingEvent e) {
        return e.copy();
    }

    @Override
    public void serialize(ListingEvent e, DataOutputView target) throws IOException {
        StreamWrites.write(e, target, ListingEventSerializer::write);
    }

    private static void write(ListingEvent e, DataOutputView out) throws IOException {
        out.writeByte(VERSION);
        out.writeByte(e.kind == null ? -1 : e.kind.ordinal());
        writeString(e.eventId, out);
        writeString(e.itemId, out);
        writeString(e.stashId, out);
        writeString(e.realm, out);
        writeString(e.league, out);
        writeString(e.accountName, out);
        writeString(e.itemKey, out);
        writeString(e.name, out);
        writeString(e.baseType, out);
        writeVarInt(e.frameType, out);
        writeVarInt(e.stackSize, out);
        writeString(e.note, out);
        out.writeLong(Double.doubleToRawLongBits(e.priceAmount));
        writeString(e.priceCurrency, out);
        out.writeLong(Double.doubleToRawLongBits(e.priceChaos));
        out.writeLong(Double.doubleToRawLongBits(e.prevPriceAmount));
        writeString(e.prevPriceCurrency, out);
        out.writeLong(Double.doubleToRawLongBits(e.prevPriceChaos));
        writeString(e.rateSource, out);
        writeString(e.changeId, out);
        out.writeLong(e.seq);
        out.writeLong(e.riverTime);
        out.writeLong(e.fetchedAt);
    }

    @Override
    public ListingEvent deserialize(DataInputView in) throws IOException {
        int v = readVersion(in, VERSION, "listing event");
        ListingEvent e = new ListingEvent();
        byte kind = in.readByte();
        e.kind = kind < 0 ? null : KINDS[kind];
        e.eventId = readString(in, v);
        e.itemId = readString(in, v);
        e.stashId = readString(in, v);
        e.realm = readString(in, v);
        e.league = readString(in, v);
        e.accountName = readString(in, v);
        e.itemKey = readString(in, v);
        e.name = readString(in, v);
        e.baseType = readString(in, v);
        e.frameType = readVarInt(in);
        e.stackSize = readVarInt(in);
        e.note = readString(in, v);
        e.priceAmount = Double.longBitsToDouble(in.readLong());
        e.priceCurrency = readString(in, v);
        e.priceChaos = Double.longBitsToDouble(in.readLong());
        e.prevPriceAmount = Double.longBitsToDouble(in.readLong());
        e.prevPriceCurrency = readString(in, v);
        e.prevPriceChaos = Double.longBitsToDouble(in.readLong());
        e.rateSource = readString(in, v);
        e.changeId = readString(in, v);
        e.seq = in.readLong();
        e.riverTime = in.readLong();
        e.fetchedAt = in.readLong();
        return e;
    }

    @Override
    public TypeSerializerSnapshot<ListingEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the (stateless) serializer; accepts state of the POJO serializer after migration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ListingEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<ListingEvent> resolveSchemaCompatibility(
                TypeSerializerSnapshot<ListingEvent> old) {
            if (old instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(old);
        }
    }
}
