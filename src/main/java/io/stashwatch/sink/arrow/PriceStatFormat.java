package io.stashwatch.sink.arrow;

import static io.stashwatch.sink.arrow.Columns.FLOAT64;
import static io.stashwatch.sink.arrow.Columns.INT32;
import static io.stashwatch.sink.arrow.Columns.TIMESTAMP_UTC;
import static io.stashwatch.sink.arrow.Columns.UTF8;
import static io.stashwatch.sink.arrow.Columns.nullable;
import static io.stashwatch.sink.arrow.Columns.required;

import io.stashwatch.model.PriceStat;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow rows of {@code price_stats}: the same columns and names as the table. A statistic belongs
 * to the file of the river time just before its window end (windows end exclusively).
 */
public final class PriceStatFormat implements ArrowRowFormat<PriceStat> {
    private static final long serialVersionUID = 1L;

    static final Schema SCHEMA = new Schema(List.of(
            required("league", UTF8),
            required("item_key", UTF8),
            required("window_end", TIMESTAMP_UTC),
            nullable("realm", UTF8),
            required("listings", INT32),
            required("accounts", INT32),
            nullable("median_chaos", FLOAT64),
            nullable("p10_chaos", FLOAT64),
            nullable("p90_chaos", FLOAT64),
            nullable("reference_chaos", FLOAT64)));

    @Override
    public String table() {
        return "price_stats";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public long riverTime(PriceStat s) {
        return s.windowEnd - 1;
    }

    @Override
    public void write(VectorSchemaRoot root, int row, PriceStat s) {
        Columns.text(root, 0, row, s.league);
        Columns.text(root, 1, row, s.itemKey);
        Columns.time(root, 2, row, s.windowEnd);
        Columns.text(root, 3, row, s.realm);
        Columns.int32(root, 4, row, s.listings);
        Columns.int32(root, 5, row, s.accounts);
        Columns.price(root, 6, row, s.medianChaos);
        Columns.price(root, 7, row, s.p10Chaos);
        Columns.price(root, 8, row, s.p90Chaos);
        Columns.price(root, 9, row, s.referenceChaos);
    }
}
