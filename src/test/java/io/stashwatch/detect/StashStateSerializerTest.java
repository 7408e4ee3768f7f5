package io.stashwatch.detect;

import static io.stashwatch.testing.Items.card;
import static io.stashwatch.testing.Items.currency;
import static io.stashwatch.testing.Items.gem;
import static io.stashwatch.testing.Items.id;
import static io.stashwatch.testing.Items.priced;
import static io.stashwatch.testing.Items.unique;
import static io.stashwatch.testing.Snapshots.stash;
import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.bench.SyntheticPages;
import io.stashwatch.market.StashDiff;
import io.stashwatch.market.StashState;
import io.stashwatch.model.Item;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.poe.PageParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class StashStateSerializerTest {

    private static final StashStateSerializer SERIALIZER = StashStateSerializer.INSTANCE;

    private static byte[] bytes(StashState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(s, out);
        return out.getCopyOfBuffer();
    }

    private static StashState read(byte[] b) throws Exception {
        return SERIALIZER.deserialize(new DataInputDeserializer(b));
    }

    private static StashState sample() {
        Item odd = priced(unique("Kaom's Heart", "Glorious Plate", 6), "not-a-hex-id", "~b/o 3/7 div");
        return new StashDiff().apply(null, stash("s", "c1", "~price 2 chaos",
                priced(unique("Kaom's Heart", "Glorious Plate", 6), id(1), "~b/o 3 div"),
                priced(gem("Vaal Grace", 21, 20, true), id(2), "~price 1.25 exalted"),
                priced(currency("Divine Orb", 10), id(3), null),
                priced(card("The Doctor", 1), id(4), "~price 3000000000 chaos"),
                odd), e -> { });
    }

    @Test
    void roundTrip() throws Exception {
        StashState s = sample();
        assertThat(s.size()).isEqualTo(5);
        StashState back = read(bytes(s));
        assertThat(back).isEqualTo(s);
        assertThat(back.league()).isEqualTo("Standard");
        assertThat(back.accountName()).isEqualTo("acc");
        for (int i = 0; i < s.size(); i++) {
            assertThat(back.itemId(i)).isEqualTo(s.itemId(i));
            assertThat(back.amount(i)).isEqualTo(s.amount(i));
            assertThat(back.currency(i)).isEqualTo(s.currency(i));
            assertThat(back.itemKey(i)).isEqualTo(s.itemKey(i));
            assertThat(back.flags(i)).isEqualTo(s.flags(i));
            assertThat(back.frameType(i)).isEqualTo(s.frameType(i));
        }
        assertThat(back.amount(back.indexOf("not-a-hex-id"))).isEqualTo(3.0 / 7);
        assertThat(back.amount(back.indexOf(id(4)))).isEqualTo(3e9);

        // the stream copy gives the same bytes
        DataOutputSerializer copied = new DataOutputSerializer(64);
        SERIALIZER.copy(new DataInputDeserializer(bytes(s)), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes(s));
    }

    @Test
    void emptyAndNullFields() throws Exception {
        assertThat(read(bytes(StashState.empty()))).isEqualTo(StashState.empty());
        assertThat(SERIALIZER.createInstance().size()).isZero();
    }

    @Test
    void serializerSnapshotRestoresACompatibleSerializer() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
        TypeSerializerSnapshot<StashState> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isEqualTo(SERIALIZER);
        TypeSerializerSchemaCompatibility<StashState> compat = SERIALIZER.snapshotConfiguration()
                .resolveSchemaCompatibility(restored);
        assertThat(compat.isCompatibleAsIs()).isTrue();
        assertThat(InstantiationUtil.clone(SERIALIZER)).isEqualTo(SERIALIZER);
    }

    /** Serialised bytes per live listing over a realistic river (the state-size target is 300). */
    @Test
    void realisticStatesAreSmall() throws Exception {
        SyntheticPages river = new SyntheticPages(11, 3000, 250);
        PageParser parser = new PageParser();
        StashDiff diff = new StashDiff();
        Map<String, StashState> states = new HashMap<>();
        for (int p = 0; p < 40; p++) {
            RiverPage page = parser.parse(river.nextPage());
            page.changeId = SyntheticPages.changeId(p);
            page.realm = "pc";
            page.fillPageFields();
            for (StashSnapshot s : page.stashes) {
                StashState next = diff.apply(states.get(s.stashId), s, e -> { });
                if (next == null) {
                    states.remove(s.stashId);
                } else {
                    states.put(s.stashId, next);
                }
            }
        }
        long listings = 0;
        long bytes = 0;
        List<StashState> all = new ArrayList<>(states.values());
        for (StashState s : all) {
            listings += s.size();
            byte[] b = bytes(s);
            bytes += b.length;
            assertThat(read(b)).isEqualTo(s);
        }
        double perListing = (double) bytes / listings;
        System.out.printf("state: %d stashes, %d listings, %d bytes serialised, %.1f bytes/listing%n",
                all.size(), listings, bytes, perListing);
        assertThat(listings).isGreaterThan(10_000);
        assertThat(perListing).isLessThan(100);
    }
}
