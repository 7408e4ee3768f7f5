package io.stashwatch.sink.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.PriceStat;
import io.stashwatch.testutil.ArrowRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowPeriodFilesTest {
    private static final long HOUR = 3_600_000L;
    private static final long T = 1_735_689_600_000L; // 2025-01-01T00:00:00Z

    @Test
    void periodsAreAlignedToTheEpochAndNamedByTheirStart(@TempDir Path dir) {
        assertThat(ArrowPeriodFiles.periodStart(T + HOUR + 1, HOUR)).isEqualTo(T + HOUR);
        assertThat(ArrowPeriodFiles.periodStart(T + 2 * HOUR - 1, HOUR)).isEqualTo(T + HOUR);
        assertThat(ArrowPeriodFiles.periodFile(dir, "price_stats", T + HOUR))
                .isEqualTo(dir.resolve("price_stats/price_stats-20250101T010000Z.arrow"));
    }

    @Test
    void mergingIsIdempotentAndLateChunksAreAppended(@TempDir Path dir) throws Exception {
        PriceStatFormat format = new PriceStatFormat();
        try (BufferAllocator allocator = new RootAllocator()) {
            Path c1 = chunk(dir, "l1-0-0.arrow", format, allocator, 0, 5);
            Path c2 = chunk(dir, "l1-0-1.arrow", format, allocator, 5, 3);
            Path saved1 = Files.copy(c1, dir.resolve("saved1"));
            Path saved2 = Files.copy(c2, dir.resolve("saved2"));

            long added = ArrowPeriodFiles.merge(dir, format, T, T + HOUR, List.of(c1, c2), allocator);
            Path file = ArrowPeriodFiles.periodFile(dir, "price_stats", T);
            assertThat(added).isEqualTo(8);
            assertThat(Files.exists(c1) || Files.exists(c2)).as("chunks deleted").isFalse();
            assertThat(keys(file)).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7");
            assertThat(ArrowRows.metadata(file)).containsEntry("stashwatch.table", "price_stats")
                    .containsEntry("stashwatch.period_start", "2025-01-01T00:00:00Z")
                    .containsEntry("stashwatch.period_end", "2025-01-01T01:00:00Z");

            // a crash after the rename but before the chunks were deleted: merging again adds nothing
            Files.copy(saved1, c1);
            Files.copy(saved2, c2);
            assertThat(ArrowPeriodFiles.merge(dir, format, T, T + HOUR, List.of(c1, c2), allocator)).isZero();
            assertThat(keys(file)).hasSize(8);
            assertThat(Files.exists(c1)).isFalse();

            // rows arriving after the file was written are appended
            Path late = chunk(dir, "l1-0-7.arrow", format, allocator, 8, 2);
            assertThat(ArrowPeriodFiles.merge(dir, format, T, T + HOUR, List.of(late), allocator)).isEqualTo(2);
            assertThat(keys(file)).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
            try (var s = Files.list(file.getParent())) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactly("price_stats-20250101T000000Z.arrow");
            }
        }
    }

    @Test
    void pricesWithoutARateAreNull(@TempDir Path dir) throws Exception {
        PriceStatFormat format = new PriceStatFormat();
        try (BufferAllocator allocator = new RootAllocator()) {
            ArrowChunkWriter<PriceStat> w = new ArrowChunkWriter<>(dir.resolve("c.arrow"), format, allocator, 4);
            PriceStat s = stat(0);
            s.referenceChaos = Double.NaN;
            w.append(s);
            w.finish();
            List<List<Object>> rows = ArrowRows.read(dir.resolve("c.arrow"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(9)).isNull();
            assertThat(rows.get(0).get(6)).isEqualTo(100.0);
            assertThat(ArrowRows.columns(dir.resolve("c.arrow"))).containsExactly("league", "item_key", "window_end",
                    "realm", "listings", "accounts", "median_chaos", "p10_chaos", "p90_chaos", "reference_chaos");
        }
    }

    private static List<String> keys(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        for (List<Object> r : ArrowRows.read(file)) {
            out.add((String) r.get(1));
        }
        return out;
    }

    private static Path chunk(Path dir, String name, PriceStatFormat format, BufferAllocator allocator, int from, int n)
            throws Exception {
        ArrowChunkWriter<PriceStat> w = new ArrowChunkWriter<>(dir.resolve(".pending").resolve(name), format, allocator, 2);
        for (int i = from; i < from + n; i++) {
            w.append(stat(i));
        }
        w.finish();
        return w.file();
    }

    private static PriceStat stat(int i) {
        PriceStat s = new PriceStat();
        s.realm = "pc";
        s.league = "Standard";
        s.itemKey = "k" + i;
        s.windowEnd = T + 1000L * (i + 1);
        s.listings = 10;
        s.accounts = 8;
        s.medianChaos = 100;
        s.p10Chaos = 90;
        s.p90Chaos = 110;
        s.referenceChaos = 100;
        return s;
    }
}
