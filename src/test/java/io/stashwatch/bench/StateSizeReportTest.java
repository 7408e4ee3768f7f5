package io.stashwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The delta state stays within 300 bytes per live listing on the heap and RocksDB backends. */
class StateSizeReportTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void stateBytesPerLiveListing(String backend) throws Exception {
        StateSizeReport.Result r = StateSizeReport.measure(backend, 20_000, dir);
        System.out.println(r);
        assertThat(r.listings()).isGreaterThan(10_000);
        assertThat(r.checkpointBytes()).isPositive();
        assertThat(r.bytesPerListing()).isLessThan(300);
    }
}
