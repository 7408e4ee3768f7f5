package io.stashwatch.sink.arrow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Field declarations and null-aware setters shared by the row formats. */
final class Columns {
    static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    static final ArrowType INT32 = new ArrowType.Int(32, true);
    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    static final ArrowType TIMESTAMP_UTC = new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");

    private Columns() {
    }

    static Field required(String name, ArrowType type) {
        return new Field(name, FieldType.notNullable(type), List.of());
    }

    static Field nullable(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), List.of());
    }

    static void text(VectorSchemaRoot root, int col, int row, String v) {
        VarCharVector vec = (VarCharVector) root.getVector(col);
        if (v == null) {
            vec.setNull(row);
        } else {
            vec.setSafe(row, v.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void int32(VectorSchemaRoot root, int col, int row, int v) {
        ((IntVector) root.getVector(col)).setSafe(row, v);
    }

    static void int64(VectorSchemaRoot root, int col, int row, long v) {
        ((BigIntVector) root.getVector(col)).setSafe(row, v);
    }

    /** NaN and infinities (no rate) become null, as in Postgres. */
    static void price(VectorSchemaRoot root, int col, int row, double v) {
        Float8Vector vec = (Float8Vector) root.getVector(col);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            vec.setNull(row);
        } else {
            vec.setSafe(row, v);
        }
    }

    static void time(VectorSchemaRoot root, int col, int row, long epochMs) {
        ((TimeStampMilliTZVector) root.getVector(col)).setSafe(row, epochMs);
    }
}
