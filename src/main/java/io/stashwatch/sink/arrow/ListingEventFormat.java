package io.stashwatch.sink.arrow;

import static io.stashwatch.sink.arrow.Columns.FLOAT64;
import static io.stashwatch.sink.arrow.Columns.INT32;
import static io.stashwatch.sink.arrow.Columns.INT64;
import static io.stashwatch.sink.arrow.Columns.TIMESTAMP_UTC;
import static io.stashwatch.sink.arrow.Columns.UTF8;
import static io.stashwatch.sink.arrow.Columns.nullable;
import static io.stashwatch.sink.arrow.Columns.required;

import io.stashwatch.model.ListingEvent;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow rows of {@code listing_events}: the same columns and names as the table. */
public final class ListingEventFormat implements ArrowRowFormat<ListingEvent> {
    private static final long serialVersionUID = 1L;

    static final Schema SCHEMA = new Schema(List.of(
            required("event_id", UTF8),
            required("kind", UTF8),
            required("item_id", UTF8),
            required("stash_id", UTF8),
            required("realm", UTF8),
            nullable("league", UTF8),
            nullable("account_name", UTF8),
            nullable("item_key", UTF8),
            nullable("name", UTF8),
            nullable("base_type", UTF8),
            required("frame_type", INT32),
            required("stack_size", INT32),
            nullable("note", UTF8),
            nullable("price_amount", FLOAT64),
            nullable("price_currency", UTF8),
            nullable("price_chaos", FLOAT64),
            nullable("prev_price_amount", FLOAT64),
            nullable("prev_price_currency", UTF8),
            nullable("prev_price_chaos", FLOAT64),
            required("change_id", UTF8),
            required("seq", INT64),
            required("observed_at", TIMESTAMP_UTC),
            required("fetched_at", TIMESTAMP_UTC)));

    @Override
    public String table() {
        return "listing_events";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public long riverTime(ListingEvent e) {
        return e.riverTime;
    }

    @Override
    public void write(VectorSchemaRoot root, int row, ListingEvent e) {
        Columns.text(root, 0, row, e.eventId);
        Columns.text(root, 1, row, e.kind.dbName());
        Columns.text(root, 2, row, e.itemId);
        Columns.text(root, 3, row, e.stashId);
        Columns.text(root, 4, row, e.realm);
        Columns.text(root, 5, row, e.league);
        Columns.text(root, 6, row, e.accountName);
        Columns.text(root, 7, row, e.itemKey);
        Columns.text(root, 8, row, e.name);
        Columns.text(root, 9, row, e.baseType);
        Columns.int32(root, 10, row, e.frameType);
        Columns.int32(root, 11, row, e.stackSize);
        Columns.text(root, 12, row, e.note);
        Columns.price(root, 13, row, e.priceAmount);
        Columns.text(root, 14, row, e.priceCurrency);
        Columns.price(root, 15, row, e.priceChaos);
        Columns.price(root, 16, row, e.prevPriceAmount);
        Columns.text(root, 17, row, e.prevPriceCurrency);
        Columns.price(root, 18, row, e.prevPriceChaos);
        Columns.text(root, 19, row, e.changeId);
        Columns.int64(root, 20, row, e.seq);
        Columns.time(root, 21, row, e.riverTime);
        Columns.time(root, 22, row, e.fetchedAt);
    }
}
