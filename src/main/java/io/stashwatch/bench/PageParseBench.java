package io.stashwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stashwatch.model.RiverPage;
import io.stashwatch.poe.PageParser;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Page parsing throughput on realistic pages of {@link SyntheticPages}: {@code parse} is
 * {@link PageParser}; {@code jacksonTokens} is a bare Jackson streaming pass that touches every
 * token and decodes nothing (the ceiling for reading every byte). The {@code mb} secondary result
 * is MB/s (10^6 bytes of JSON per second).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PageParseBench {

    private static final JsonFactory JSON = new JsonFactory();

    @Param("250")
    public int stashesPerPage;

    @Param("16")
    public int pages;

    private byte[][] bodies;
    private PageParser parser;
    private int next;

    /** Secondary results: pages and megabytes per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Volume {
        public double mb;
        public long stashes;

        @Setup(Level.Iteration)
        public void reset() {
            mb = 0;
            stashes = 0;
        }
    }

    @Setup
    public void setup() {
        SyntheticPages river = new SyntheticPages(1, 20_000, stashesPerPage);
        bodies = new byte[pages][];
        long total = 0;
        for (int i = 0; i < pages; i++) {
            bodies[i] = river.nextPage();
            total += bodies[i].length;
        }
        parser = new PageParser();
        System.out.printf("%n%d pages of %d stashes, %.2f MB per page on average%n", pages, stashesPerPage,
                total / 1e6 / pages);
    }

    @Benchmark
    public RiverPage parse(Volume v) throws IOException {
        byte[] body = bodies[next++ % bodies.length];
        RiverPage page = parser.parse(body, 0, body.length);
        v.mb += body.length / 1e6;
        v.stashes += page.stashes.length;
        return page;
    }

    @Benchmark
    public long jacksonTokens(Volume v) throws IOException {
        byte[] body = bodies[next++ % bodies.length];
        long tokens = 0;
        try (JsonParser p = JSON.createParser(body, 0, body.length)) {
            while (p.nextToken() != null) {
                tokens++;
            }
        }
        v.mb += body.length / 1e6;
        v.stashes += stashesPerPage;
        return tokens;
    }

    /** A bare pass that also materialises every string value (what a databind tree would pay at least). */
    @Benchmark
    public long jacksonStrings(Volume v) throws IOException {
        byte[] body = bodies[next++ % bodies.length];
        long chars = 0;
        try (JsonParser p = JSON.createParser(body, 0, body.length)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING) {
                    chars += p.getText().length();
                }
            }
        }
        v.mb += body.length / 1e6;
        v.stashes += stashesPerPage;
        return chars;
    }
}
