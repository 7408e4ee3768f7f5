package io.stashwatch.sink.arrow;

import java.io.Serializable;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How records of one table become Arrow rows: the schema, the row setter and the river time that
 * picks the record's file.
 *
 * @param <T> the record type
 */
public interface ArrowRowFormat<T> extends Serializable {

    /** Table name; also the file name prefix and sub-directory. */
    String table();

    Schema schema();

    /** River time of a record, ms: decides the roll period (file) it belongs to. */
    long riverTime(T record);

    /** Sets row {@code row} of {@code root} (vectors allocated, grown with setSafe). */
    void write(VectorSchemaRoot root, int row, T record);
}
