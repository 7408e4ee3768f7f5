package io.stashwatch.bench;

import io.stashwatch.market.NoteResult;
import io.stashwatch.market.PriceNoteParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Price notes read per second, over the mix of notes the river carries (listings and rejects). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PriceNoteBench {

    static final int NOTES = 1024;
    private static final String[] SHAPES = {"~price %d chaos", "~b/o %d c", "~b/o %d.%d div", "~price %d/%d divine",
        "~b/o %d exa", "~price %d fuse", "~b/o %d alch", "~c/o %d chaos", "~price %d/0 chaos", "~price %d chaoss",
        "~skip", "~b/o %d.%d divine", "~price %d chaos"};

    private String[] notes;

    @Setup
    public void setup() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        notes = new String[NOTES];
        for (int i = 0; i < NOTES; i++) {
            String shape = SHAPES[rnd.nextInt(SHAPES.length)];
            // new String: no identity shared between notes, as with notes parsed from pages
            notes[i] = new String(String.format(shape, 1 + rnd.nextInt(300), 1 + rnd.nextInt(9)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(NOTES)
    public void parse(Blackhole bh) {
        for (String note : notes) {
            NoteResult r = PriceNoteParser.parse(note);
            bh.consume(r);
        }
    }
}
