package io.stashwatch.model.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.Item;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.testing.Items;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

class RecordSerializersTest {

    @Test
    void recordsUseTheHandWrittenSerializers() {
        assertThat(TypeInformation.of(StashSnapshot.class)).isInstanceOf(RecordTypeInfo.class);
        assertThat(TypeInformation.of(ListingEvent.class)).isInstanceOf(RecordTypeInfo.class);
        assertThat(serializer(TypeInformation.of(ListingEvent.class))).isSameAs(ListingEventSerializer.INSTANCE);
        // a page stays a POJO whose stash array uses the snapshot serializer
        assertThat(TypeInformation.of(RiverPage.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void stashSnapshotsRoundTripWithEveryField() throws Exception {
        StashSnapshot s = new StashSnapshot();
        s.realm = "pc";
        s.changeId = "1-2-3";
        s.nextChangeId = "4-5-6";
        s.seq = 1L << 40;
        s.riverTime = 1_767_225_600_000L;
        s.fetchedAt = -5;
        s.pageIndex = 499;
        s.pageStashes = 500;
        s.pageItems = 123_456;
        s.pageBytes = 7_000_000_000L;
        s.stashId = "abc";
        s.isPublic = true;
        s.accountName = "Zoë™";
        s.stashName = "~price 5 chaos";
        s.stashType = null;
        s.league = "Mercenaries";
        Item gem = Items.gem("Vaal Grace", 21, 20, true);
        gem.gemAltQuality = "Anomalous";
        gem.identified = true;
        Item unique = Items.priced(Items.unique("Kaom's Heart", "Glorious Plate", 6), Items.id(7), "~b/o 3 divine");
        unique.ilvl = 86;
        unique.frameType = -1;
        Item map = Items.map(0, "Crimson Temple Map", "Crimson Temple Map", 16);
        s.items = new Item[] {gem, unique, null, map, Items.currency("Divine Orb", 10)};

        StashSnapshot back = roundTrip(StashSnapshotSerializer.INSTANCE, s);
        assertThat(back).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(s);
        assertThat(StashSnapshotSerializer.INSTANCE.copy(s)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(s);
        assertThat(StashSnapshotSerializer.INSTANCE.copy(s).items[0]).isNotSameAs(gem);

        StashSnapshot empty = new StashSnapshot();
        assertThat(roundTrip(StashSnapshotSerializer.INSTANCE, empty)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(empty);
    }

    /**
     * Snapshots of generated pages, written one after another by one thread (whose repeated strings
     * carry from snapshot to snapshot), give the bytes each one gives written by a fresh thread, and
     * read back equal.
     */
    @Test
    void snapshotsWrittenInARowGiveTheBytesOfEachAlone() throws Exception {
        io.stashwatch.bench.SyntheticPages river = new io.stashwatch.bench.SyntheticPages(5, 400, 60);
        io.stashwatch.poe.PageParser parser = new io.stashwatch.poe.PageParser();
        java.util.List<StashSnapshot> snapshots = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RiverPage page = parser.parse(river.nextPage());
            page.realm = "pc";
            page.changeId = "c-" + i;
            page.fillPageFields();
            snapshots.addAll(java.util.List.of(page.stashes));
        }
        DataOutputSerializer inRow = new DataOutputSerializer(1 << 16);
        for (StashSnapshot s : snapshots) {
            StashSnapshotSerializer.INSTANCE.serialize(s, inRow);
        }
        java.io.ByteArrayOutputStream alone = new java.io.ByteArrayOutputStream();
        for (StashSnapshot s : snapshots) {
            byte[][] bytes = new byte[1][];
            Thread t = new Thread(() -> {
                try {
                    DataOutputSerializer out = new DataOutputSerializer(1024);
                    StashSnapshotSerializer.INSTANCE.serialize(s, out);
                    bytes[0] = out.getCopyOfBuffer();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            t.start();
            t.join();
            alone.write(bytes[0]);
        }
        assertThat(inRow.getCopyOfBuffer()).isEqualTo(alone.toByteArray());
        DataInputDeserializer in = new DataInputDeserializer(inRow.getCopyOfBuffer());
        for (StashSnapshot s : snapshots) {
            assertThat(StashSnapshotSerializer.INSTANCE.deserialize(in)).usingRecursiveComparison()
                    .withEqualsForType(Double::equals, Double.class).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void listingEventsRoundTripBitForBit() throws Exception {
        ListingEvent e = event();
        ListingEvent back = roundTrip(ListingEventSerializer.INSTANCE, e);
        assertThat(back).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(e);
        assertThat(Double.doubleToRawLongBits(back.priceChaos)).isEqualTo(Double.doubleToRawLongBits(e.priceChaos));
        assertThat(Double.doubleToRawLongBits(back.prevPriceAmount)).isEqualTo(Double.doubleToRawLongBits(-0.0));
        ListingEvent nulls = new ListingEvent();
        assertThat(roundTrip(ListingEventSerializer.INSTANCE, nulls)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(nulls);
        assertThat(ListingEventSerializer.INSTANCE.copy(e)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(e);
    }

    /** Checkpoints of earlier versions hold pending events written by Flink's POJO serializer. */
    @Test
    void pojoSerializedStateIsMigrated() throws Exception {
        Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
        for (java.lang.reflect.Field f : ListingEvent.class.getFields()) {
            fields.put(f.getName(), f.getType() == EventKind.class ? Types.ENUM(EventKind.class)
                    : TypeInformation.of(f.getType()));
        }
        TypeSerializer<ListingEvent> pojo = serializer(Types.POJO(ListingEvent.class, fields));
        assertThat(pojo.getClass().getSimpleName()).isEqualTo("PojoSerializer");
        TypeSerializerSchemaCompatibility<ListingEvent> c = ListingEventSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(pojo.snapshotConfiguration());
        assertThat(c.isCompatibleAfterMigration()).isTrue();
        // what the migration does: read with the old serializer, write with the new one
        ListingEvent e = event();
        DataOutputSerializer out = new DataOutputSerializer(256);
        pojo.serialize(e, out);
        ListingEvent read = pojo.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(roundTrip(ListingEventSerializer.INSTANCE, read)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(e);
        assertThat(ListingEventSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(
                ListingEventSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void stringsRoundTripExactly() throws Exception {
        String[] strings = {null, "", "a", "?", "~price 1 chaos", "Zoë™ 🜁 日本語", "\u0000nul", "a\ud800b", "\udc00",
            "?\ud83d", "\ud83d\ude00?", "x".repeat(70_000), "é".repeat(40_000) + "\ud800"};
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String s : strings) {
            RecordSerializer.writeString(s, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String s : strings) {
            assertThat(RecordSerializer.readString(in)).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void unpairedSurrogatesAreFoundAtEveryPosition() throws Exception {
        for (int len = 1; len < 20; len++) {
            for (int at = 0; at < len; at++) {
                char[] chars = "abcdefghij?klmnopqrs".substring(0, len).toCharArray();
                String clean = new String(chars);
                chars[at] = '\udbff';
                String broken = new String(chars);
                assertThat(RecordSerializer.lossless(clean, clean.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
                assertThat(RecordSerializer.lossless(broken, broken.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
                DataOutputSerializer out = new DataOutputSerializer(64);
                RecordSerializer.writeString(broken, out);
                assertThat(RecordSerializer.readString(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(broken);
            }
        }
    }

    /** Checkpoint streams get the bytes an in-memory buffer gets, one record per write call. */
    @Test
    void streamsGetTheSameBytes() throws Exception {
        ListingEvent big = event();
        big.note = "~price 1 chaos " + "z".repeat(2_000_000);
        for (ListingEvent e : new ListingEvent[] {event(), new ListingEvent(), big, event()}) {
            DataOutputSerializer direct = new DataOutputSerializer(64);
            ListingEventSerializer.INSTANCE.serialize(e, direct);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            int[] calls = {0};
            java.io.OutputStream counting = new java.io.FilterOutputStream(bytes) {
                @Override
                public void write(int b) throws java.io.IOException {
                    calls[0]++;
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    calls[0]++;
                    bytes.write(b, off, len);
                }
            };
            ListingEventSerializer.INSTANCE.serialize(e, new org.apache.flink.core.memory.DataOutputViewStreamWrapper(counting));
            assertThat(bytes.toByteArray()).isEqualTo(direct.getCopyOfBuffer());
            assertThat(calls[0]).isEqualTo(1);
        }
    }

    @Test
    void asciiStringsTakeALengthAndTheirBytes() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        RecordSerializer.writeString(null, out);
        RecordSerializer.writeString("", out);
        RecordSerializer.writeString("abc", out);
        assertThat(out.getCopyOfBuffer()).containsExactly(0, 1, 7, 'a', 'b', 'c');
    }

    /** Checkpoints of the previous release hold pending events of record version 1. */
    @Test
    void version1RecordsAreStillRead() throws Exception {
        ListingEvent e = event();
        e.note = "~b/o 1 exalted — Zoë \ud800";
        DataOutputSerializer out = new DataOutputSerializer(256);
        writeListingEventV1(e, out);
        writeListingEventV1(new ListingEvent(), out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(ListingEventSerializer.INSTANCE.deserialize(in)).usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class).isEqualTo(e);
        assertThat(ListingEventSerializer.INSTANCE.deserialize(in)).usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class).isEqualTo(new ListingEvent());
        assertThat(in.available()).isZero();
        // and the serializer snapshot of the previous release's state is compatible as it is
        assertThat(ListingEventSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(
                new ListingEventSerializer.Snapshot()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void unknownRecordVersionsAreRejected() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {(byte) (ListingEventSerializer.VERSION + 1)});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ListingEventSerializer.INSTANCE.deserialize(in))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("unknown listing event record version");
    }

    /**
     * Fields that repeat from one event to the next are encoded and decoded once (RepeatedStrings):
     * the bytes are still exactly those of writing every string out, every event reads back equal,
     * and a value repeated in the next event reads back as the same instance.
     */
    @Test
    void repeatedStringsGiveTheSameBytesAndShareInstances() throws Exception {
        String[] pool = {null, "", "a", "Standard", "Zoë™ 日本語", "a\ud800b", "?", "x".repeat(1500), "x".repeat(1500) + "y",
            "stash-0123456789abcdef0123456789abcdef0123456789abcdef0123456789"};
        java.util.Random rnd = new java.util.Random(11);
        java.util.List<ListingEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ListingEvent e = i == 0 ? event() : events.get(i - 1).copy();
            // each field changes with a small chance, to a pooled value or a fresh copy of one
            for (java.lang.reflect.Field f : ListingEvent.class.getFields()) {
                if (f.getType() == String.class && rnd.nextInt(4) == 0) {
                    String v = pool[rnd.nextInt(pool.length)];
                    f.set(e, v != null && rnd.nextBoolean() ? new String(v) : v);
                }
            }
            events.add(e);
        }
        DataOutputSerializer cached = new DataOutputSerializer(256);
        DataOutputSerializer plain = new DataOutputSerializer(256);
        for (ListingEvent e : events) {
            ListingEventSerializer.INSTANCE.serialize(e, cached);
            writeListingEventV2(e, plain);
        }
        assertThat(cached.getCopyOfBuffer()).isEqualTo(plain.getCopyOfBuffer());

        DataInputDeserializer in = new DataInputDeserializer(cached.getCopyOfBuffer());
        ListingEvent previous = null;
        int shared = 0;
        for (ListingEvent e : events) {
            ListingEvent read = ListingEventSerializer.INSTANCE.deserialize(in);
            assertThat(read).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(e);
            if (previous != null && read.stashId != null && !read.stashId.isEmpty() && read.stashId.length() < 1024
                    && read.stashId.equals(previous.stashId) && read.stashId.indexOf('\ud800') < 0) {
                assertThat(read.stashId).isSameAs(previous.stashId);
                shared++;
            }
            previous = read;
        }
        assertThat(in.available()).isZero();
        assertThat(shared).isGreaterThan(500);
    }

    /** The version 1 format of {@link ListingEventSerializer}, as the previous release wrote it. */
    private static void writeListingEventV1(ListingEvent e, DataOutputSerializer out) throws Exception {
        writeListingEvent(e, out, 1, StringValue::writeString);
    }

    /** Version 2 with every string written out by {@link RecordSerializer#writeString}. */
    private static void writeListingEventV2(ListingEvent e, DataOutputSerializer out) throws Exception {
        writeListingEvent(e, out, 2, RecordSerializer::writeString);
    }

    /** A string writer of one record version. */
    private interface StringWriter {
        void write(String s, DataOutputSerializer out) throws java.io.IOException;
    }

    /** A listing event in the field order of every version, strings written by {@code strings}. */
    private static void writeListingEvent(ListingEvent e, DataOutputSerializer out, int version, StringWriter strings)
            throws Exception {
        out.writeByte(version);
        out.writeByte(e.kind == null ? -1 : e.kind.ordinal());
        for (String s : new String[] {e.eventId, e.itemId, e.stashId, e.realm, e.league, e.accountName, e.itemKey,
            e.name, e.baseType}) {
            strings.write(s, out);
        }
        RecordSerializer.writeVarInt(e.frameType, out);
        RecordSerializer.writeVarInt(e.stackSize, out);
        strings.write(e.note, out);
        out.writeLong(Double.doubleToRawLongBits(e.priceAmount));
        strings.write(e.priceCurrency, out);
        out.writeLong(Double.doubleToRawLongBits(e.priceChaos));
        out.writeLong(Double.doubleToRawLongBits(e.prevPriceAmount));
        strings.write(e.prevPriceCurrency, out);
        out.writeLong(Double.doubleToRawLongBits(e.prevPriceChaos));
        strings.write(e.rateSource, out);
        strings.write(e.changeId, out);
        out.writeLong(e.seq);
        out.writeLong(e.riverTime);
        out.writeLong(e.fetchedAt);
    }

    private static ListingEvent event() {
        ListingEvent e = new ListingEvent();
        e.eventId = "0123456789abcdef0123456789abcdef";
        e.kind = EventKind.REPRICED;
        e.itemId = Items.id(3);
        e.stashId = "stash";
        e.realm = "pc";
        e.league = "Standard";
        e.accountName = "acc";
        e.itemKey = "The Doctor card";
        e.name = "";
        e.baseType = "The Doctor";
        e.frameType = 6;
        e.stackSize = 3;
        e.note = "~price 1.5 divine";
        e.priceAmount = 1.5;
        e.priceCurrency = "divine";
        e.priceChaos = Double.NaN;
        e.prevPriceAmount = -0.0;
        e.prevPriceCurrency = "chaos";
        e.prevPriceChaos = 1e-300;
        e.rateSource = "river";
        e.changeId = "9-9";
        e.seq = 42;
        e.riverTime = 1_767_225_642_000L;
        e.fetchedAt = 1_767_225_642_250L;
        return e;
    }

    private static <T> TypeSerializer<T> serializer(TypeInformation<T> info) {
        return info.createSerializer(new SerializerConfigImpl());
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T first = serializer.deserialize(in);
        T second = serializer.deserialize(serializer.createInstance(), in);
        assertThat(second).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(first);
        assertThat(in.available()).isZero();
        return first;
    }
}
