package io.stashwatch.model.serial;

import io.stashwatch.model.Item;
import io.stashwatch.model.StashSnapshot;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link StashSnapshot} with its {@link Item}s between the page splitter and the delta operator:
 * every field written directly (Flink's POJO serializer reads and writes each field by
 * reflection, boxes every number and writes a null marker per field and a header per item).
 * Snapshots are never kept in state, so the format only has to match within one job run.
 */
public final class StashSnapshotSerializer extends RecordSerializer<StashSnapshot> {
    private static final long serialVersionUID = 1L;
    public static final StashSnapshotSerializer INSTANCE = new StashSnapshotSerializer();
    /** Version of the records written; 1 (strings as Flink's StringValue) is still read. */
    static final int VERSION = 2;
    private static final Item[] NO_ITEMS = new Item[0];

    // Slots of the fields that repeat (RepeatedStrings): a page's realm, change ids and league in
    // every snapshot of it, and an item's name, type and note in the next item of a stash (stacks
    // and sets of one item, a tab priced by its name). Ids, accounts and tab names have none.
    private static final int REALM = 0;
    private static final int CHANGE_ID = 1;
    private static final int NEXT_CHANGE_ID = 2;
    private static final int STASH_TYPE = 3;
    private static final int LEAGUE = 4;
    private static final int NAME = 5;
    private static final int TYPE_LINE = 6;
    private static final int BASE_TYPE = 7;
    private static final int NOTE = 8;
    private static final ThreadLocal<RepeatedStrings> STRINGS = RepeatedStrings.forThread(9);

    /** The type information {@code @TypeInfo} on {@link StashSnapshot} resolves to. */
    public static final class Factory extends TypeInfoFactory<StashSnapshot> {
        @Override
        public TypeInformation<StashSnapshot> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
            return new RecordTypeInfo<>(StashSnapshot.class, INSTANCE);
        }
    }

    @Override
    public StashSnapshot createInstance() {
        return new StashSnapshot();
    }

    @Override
    public StashSnapshot copy(StashSnapshot from) {
        StashSnapshot c = new StashSnapshot();
        c.realm = from.realm;
        c.changeId = from.changeId;
        c.nextChangeId = from.nextChangeId;
        c.seq = from.seq;
        c.riverTime = from.riverTime;
        c.fetchedAt = from.fetchedAt;
        c.pageIndex = from.pageIndex;
        c.pageStashes = from.pageStashes;
        c.pageItems = from.pageItems;
        c.pageBytes = from.pageBytes;
        c.stashId = from.stashId;
        c.isPublic = from.isPublic;
        c.accountName = from.accountName;
        c.stashName = from.stashName;
        c.stashType = from.stashType;
        c.league = from.league;
        if (from.items == null) {
            c.items = null;
        } else {
            c.items = new Item[from.items.length];
            for (int i = 0; i < c.items.length; i++) {
                c.items[i] = copy(from.items[i]);
            }
        }
        return c;
    }

    static Item copy(Item from) {
        if (from == null) {
            return null;
        }
        Item c = new Item();
        c.id = from.id;
        c.name = from.name;
        c.typeLine = from.typeLine;
        c.baseType = from.baseType;
        c.frameType = from.frameType;
        c.note = from.note;
        c.stackSize = from.stackSize;
        c.ilvl = from.ilvl;
        c.identified = from.identified;
        c.corrupted = from.corrupted;
        c.sockets = from.sockets;
        c.links = from.links;
        c.gemLevel = from.gemLevel;
        c.gemQuality = from.gemQuality;
        c.gemAltQuality = from.gemAltQuality;
        c.mapTier = from.mapTier;
        return c;
    }

    @Override
    public void serialize(StashSnapshot s, DataOutputView target) throws IOException {
        StreamWrites.write(s, target, StashSnapshotSerializer::write);
    }

    private static void write(StashSnapshot s, DataOutputView out) throws IOException {
        RepeatedStrings strings = STRINGS.get();
        out.writeByte(VERSION);
        strings.write(s.realm, out, REALM);
        strings.write(s.changeId, out, CHANGE_ID);
        strings.write(s.nextChangeId, out, NEXT_CHANGE_ID);
        out.writeLong(s.seq);
        out.writeLong(s.riverTime);
        out.writeLong(s.fetchedAt);
        writeVarInt(s.pageIndex, out);
        writeVarInt(s.pageStashes, out);
        writeVarInt(s.pageItems, out);
        out.writeLong(s.pageBytes);
        writeString(s.stashId, out);
        out.writeBoolean(s.isPublic);
        writeString(s.accountName, out);
        writeString(s.stashName, out);
        strings.write(s.stashType, out, STASH_TYPE);
        strings.write(s.league, out, LEAGUE);
        Item[] items = s.items == null ? NO_ITEMS : s.items;
        writeVarInt(items.length, out);
        for (Item item : items) {
            if (item == null) {
                out.writeByte(0);
                continue;
            }
            out.writeByte(1 | (item.identified ? 2 : 0) | (item.corrupted ? 4 : 0));
            writeString(item.id, out);
            strings.write(item.name, out, NAME);
            strings.write(item.typeLine, out, TYPE_LINE);
            strings.write(item.baseType, out, BASE_TYPE);
            writeVarInt(item.frameType, out);
            strings.write(item.note, out, NOTE);
            writeVarInt(item.stackSize, out);
            writeVarInt(item.ilvl, out);
            writeVarInt(item.sockets, out);
            writeVarInt(item.links, out);
            writeVarInt(item.gemLevel, out);
            writeVarInt(item.gemQuality, out);
            writeString(item.gemAltQuality, out);
            writeVarInt(item.mapTier, out);
        }
    }

    @Override
    public StashSnapshot deserialize(DataInputView in) throws IOException {
        int v = readVersion(in, VERSION, "stash snapshot");
        RepeatedStrings strings = v == 1 ? null : STRINGS.get();
        StashSnapshot s = new StashSnapshot();
        s.realm = readString(in, strings, REALM);
        s.changeId = readString(in, strings, CHANGE_ID);
        s.nextChangeId = readString(in, strings, NEXT_CHANGE_ID);
        s.seq = in.readLong();
        s.riverTime = in.readLong();
        s.fetchedAt = in.readLong();
        s.pageIndex = readVarInt(in);
        s.pageStashes = readVarInt(in);
        s.pageItems = readVarInt(in);
        s.pageBytes = in.readLong();
        s.stashId = readString(in, strings, NO_SLOT);
        s.isPublic = in.readBoolean();
        s.accountName = readString(in, strings, NO_SLOT);
        s.stashName = readString(in, strings, NO_SLOT);
        s.stashType = readString(in, strings, STASH_TYPE);
        s.league = readString(in, strings, LEAGUE);
        int n = readVarInt(in);
        Item[] items = n == 0 ? NO_ITEMS : new Item[n];
        for (int i = 0; i < n; i++) {
            int flags = in.readUnsignedByte();
            if (flags == 0) {
                continue;
            }
            Item item = new Item();
            item.identified = (flags & 2) != 0;
            item.corrupted = (flags & 4) != 0;
            item.id = readString(in, strings, NO_SLOT);
            item.name = readString(in, strings, NAME);
            item.typeLine = readString(in, strings, TYPE_LINE);
            item.baseType = readString(in, strings, BASE_TYPE);
            item.frameType = readVarInt(in);
            item.note = readString(in, strings, NOTE);
            item.stackSize = readVarInt(in);
            item.ilvl = readVarInt(in);
            item.sockets = readVarInt(in);
            item.links = readVarInt(in);
            item.gemLevel = readVarInt(in);
            item.gemQuality = readVarInt(in);
            item.gemAltQuality = readString(in, strings, NO_SLOT);
            item.mapTier = readVarInt(in);
            items[i] = item;
        }
        s.items = items;
        return s;
    }

    @Override
    public TypeSerializerSnapshot<StashSnapshot> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of the (stateless) serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StashSnapshot> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
