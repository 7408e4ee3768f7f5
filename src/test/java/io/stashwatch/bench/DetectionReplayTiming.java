package io.stashwatch.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import io.stashwatch.model.ListingEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of the pure detection replay ({@link DetectionReplay#run}) over stored event dumps, for
 * before/after comparisons of detector performance changes (the whole job, {@code bench}, stays the
 * figure of record). Loads the dumps once, then replays fresh copies of the events several times
 * and prints the thread CPU time of each pass and the time spent inside the detector.
 *
 * <pre>
 * java -cp ... io.stashwatch.bench.DetectionReplayTiming DIR 1,2,101 [PASSES]
 * </pre>
 */
public final class DetectionReplayTiming {
    private DetectionReplayTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<List<ListingEvent>> dumps = new ArrayList<>();
        for (String s : args[1].split(",")) {
            dumps.add(DetectionReplay.read(dir.resolve(s.trim() + ".events.json.gz"),
                    new TypeReference<List<ListingEvent>>() { }));
        }
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < passes; pass++) {
            long cpu = 0;
            DetectionReplay.detectorNanos = 0;
            for (List<ListingEvent> dump : dumps) {
                List<ListingEvent> events = new ArrayList<>(dump.size());
                for (ListingEvent e : dump) {
                    events.add(e.copy());
                }
                long t0 = bean.getCurrentThreadCpuTime();
                DetectionReplay.run(events, new ArrayList<>(), new ArrayList<>(), null);
                cpu += bean.getCurrentThreadCpuTime() - t0;
            }
            System.out.printf("pass %d: %.3f CPU-s, of which in KeyDetector %.3f CPU-s%n", pass + 1, cpu / 1e9,
                    DetectionReplay.detectorNanos / 1e9);
        }
        System.exit(0);
    }
}
