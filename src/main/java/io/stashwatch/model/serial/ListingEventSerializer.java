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

    // Slots of the fields that repeat from one event to the next (RepeatedStrings): consecutive
    // events mostly come from one stash of one page. The ids of events and items are unique, and
    // item keys, names and notes change from one event to the next too often to gain.
    private static final int STASH = 0;
    private static final int REALM = 1;
    private static final int LEAGUE = 2;
    private static final int ACCOUNT = 3;
    private static final int CURRENCY = 4;
    private static final int PREV_CURRENCY = 5;
    private static final int RATE_SOURCE = 6;
    private static final int CHANGE_ID = 7;
    private static final ThreadLocal<RepeatedStrings> STRINGS = RepeatedStrings.forThread(8);

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
        RepeatedStrings strings = STRINGS.get();
        out.writeByte(VERSION);
        out.writeByte(e.kind == null ? -1 : e.kind.ordinal());
        writeString(e.eventId, out);
        writeString(e.itemId, out);
        strings.write(e.stashId, out, STASH);
        strings.write(e.realm, out, REALM);
        strings.write(e.league, out, LEAGUE);
        strings.write(e.accountName, out, ACCOUNT);
        writeString(e.itemKey, out);
        writeString(e.name, out);
        writeString(e.baseType, out);
        writeVarInt(e.frameType, out);
        writeVarInt(e.stackSize, out);
        writeString(e.note, out);
        out.writeLong(Double.doubleToRawLongBits(e.priceAmount));
        strings.write(e.priceCurrency, out, CURRENCY);
        out.writeLong(Double.doubleToRawLongBits(e.priceChaos));
        out.writeLong(Double.doubleToRawLongBits(e.prevPriceAmount));
        strings.write(e.prevPriceCurrency, out, PREV_CURRENCY);
        out.writeLong(Double.doubleToRawLongBits(e.prevPriceChaos));
        strings.write(e.rateSource, out, RATE_SOURCE);
        strings.write(e.changeId, out, CHANGE_ID);
        out.writeLong(e.seq);
        out.writeLong(e.riverTime);
        out.writeLong(e.fetchedAt);
    }

    @Override
    public ListingEvent deserialize(DataInputView in) throws IOException {
        int v = readVersion(in, VERSION, "listing event");
        RepeatedStrings strings = v == 1 ? null : STRINGS.get();
        ListingEvent e = new ListingEvent();
        byte kind = in.readByte();
        e.kind = kind < 0 ? null : KINDS[kind];
        e.eventId = readString(in, strings, NO_SLOT);
        e.itemId = readString(in, strings, NO_SLOT);
        e.stashId = readString(in, strings, STASH);
        e.realm = readString(in, strings, REALM);
        e.league = readString(in, strings, LEAGUE);
        e.accountName = readString(in, strings, ACCOUNT);
        e.itemKey = readString(in, strings, NO_SLOT);
        e.name = readString(in, strings, NO_SLOT);
        e.baseType = readString(in, strings, NO_SLOT);
        e.frameType = readVarInt(in);
        e.stackSize = readVarInt(in);
        e.note = readString(in, strings, NO_SLOT);
        e.priceAmount = Double.longBitsToDouble(in.readLong());
        e.priceCurrency = readString(in, strings, CURRENCY);
        e.priceChaos = Double.longBitsToDouble(in.readLong());
        e.prevPriceAmount = Double.longBitsToDouble(in.readLong());
        e.prevPriceCurrency = readString(in, strings, PREV_CURRENCY);
        e.prevPriceChaos = Double.longBitsToDouble(in.readLong());
        e.rateSource = readString(in, strings, RATE_SOURCE);
        e.changeId = readString(in, strings, CHANGE_ID);
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
