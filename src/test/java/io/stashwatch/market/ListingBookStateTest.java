package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The book's price order and seen floor are heap-only: the checkpointed layout (Flink's POJO
 * serializer over the public fields) stays what it was, and a book restored or copied by that
 * serializer, which comes without them, rebuilds them and gives the same results.
 */
class ListingBookStateTest {

    private static final TypeSerializer<ListingBook> SERIALIZER =
            TypeInformation.of(ListingBook.class).createSerializer(new SerializerConfigImpl());

    @Test
    void theStateLayoutIsThePublicFieldsOnly() {
        TypeInformation<ListingBook> info = TypeInformation.of(ListingBook.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        List<String> fields = new ArrayList<>();
        PojoTypeInfo<ListingBook> pojo = (PojoTypeInfo<ListingBook>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            fields.add(pojo.getPojoFieldAt(i).getField().getName());
        }
        assertThat(fields).containsExactlyInAnyOrder("size", "items", "stashes", "accounts", "prices", "seen", "alerted");
    }

    @Test
    void aRestoredOrCopiedBookRebuildsItsPriceOrderAndGivesTheSameResults() throws Exception {
        Random rnd = new Random(9);
        ReferenceEstimator.Scratch scratch = new ReferenceEstimator.Scratch();
        for (int round = 0; round < 200; round++) {
            ListingBook b = new ListingBook();
            int n = rnd.nextInt(80);
            for (int i = 0; i < n; i++) {
                b.put(rnd.nextInt(100), 1, rnd.nextInt(10), 1 + rnd.nextInt(20) * 0.5, 1000 + rnd.nextInt(50));
            }
            ReferenceEstimator.estimate(b, 0, Long.MAX_VALUE, 2, 3, scratch); // the original has its order
            DataOutputSerializer out = new DataOutputSerializer(1024);
            SERIALIZER.serialize(b, out);
            ListingBook restored = SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            ListingBook copied = SERIALIZER.copy(b);
            for (ListingBook other : List.of(restored, copied)) {
                assertThat(other.size).isEqualTo(b.size);
                assertThat(Arrays.copyOf(other.items, other.size)).containsExactly(Arrays.copyOf(b.items, b.size));
            }
            // The same changes to all three, then the same results and a correct price order.
            for (int op = 0; op < 20; op++) {
                long item = rnd.nextInt(100);
                double p = 1 + rnd.nextInt(20) * 0.5;
                long account = rnd.nextInt(10);
                long seen = 1040 + op;
                int what = rnd.nextInt(3);
                for (ListingBook x : List.of(b, restored, copied)) {
                    if (what == 0) {
                        x.put(item, 1, account, p, seen);
                    } else if (what == 1) {
                        x.remove(item, 1);
                    } else {
                        x.evictSeenBefore(1000 + op * 2);
                    }
                }
                long from = 1000 + rnd.nextInt(40);
                Estimate want = ReferenceEstimatorOracle.estimate(b, from, Long.MAX_VALUE, 2, 3, new ReferenceEstimator.Scratch());
                for (ListingBook other : List.of(restored, copied)) {
                    String at = "round " + round + " op " + op;
                    Estimate got = ReferenceEstimator.estimate(other, from, Long.MAX_VALUE, 2, 3, scratch);
                    assertThat(Double.doubleToRawLongBits(got.reference)).as(at).isEqualTo(Double.doubleToRawLongBits(want.reference));
                    assertThat(Double.doubleToRawLongBits(got.median)).as(at).isEqualTo(Double.doubleToRawLongBits(want.median));
                    assertThat(got.samples).as(at).isEqualTo(want.samples);
                    int[] order = other.priceOrder();
                    int[] sorted = Arrays.copyOf(order, other.size);
                    Arrays.sort(sorted);
                    for (int q = 0; q < other.size; q++) {
                        assertThat(sorted[q]).as(at + " a permutation").isEqualTo(q);
                    }
                    for (int q = 1; q < other.size; q++) {
                        int a = order[q - 1];
                        int c = order[q];
                        assertThat(ListingBook.cheaper(other.prices[a], other.accounts[a], other.items[a],
                                other.prices[c], other.accounts[c], other.items[c])).as(at).isTrue();
                    }
                }
            }
        }
    }
}
