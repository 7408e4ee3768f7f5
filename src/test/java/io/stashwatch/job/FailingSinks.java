package io.stashwatch.job;

import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Puts a map in front of each of the job's sinks that throws once the stream has carried a chosen
 * number of records (replays included), each failure point once. The counters live in static
 * fields, so they survive the job's restarts inside the test JVM (MiniCluster).
 */
final class FailingSinks implements JobSinks {
    private static final long serialVersionUID = 1L;

    /** Records seen per stream since {@link #arm}. */
    private static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();
    /** Failure points not fired yet, as "stream#record". */
    private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();
    /** Failure points fired so far. */
    private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();
    /** Attempt numbers of the tasks that ran the maps (0 = first attempt; n = after n restarts). */
    private static final Set<Integer> ATTEMPTS = ConcurrentHashMap.newKeySet();

    private final JobSinks delegate;

    FailingSinks(JobSinks delegate) {
        this.delegate = delegate;
    }

    /** Resets the counters and arms failure points, each as "stream#record" (streams: pages, events, stats, alerts). */
    static void arm(List<String> points) {
        SEEN.clear();
        FIRED.clear();
        ATTEMPTS.clear();
        ARMED.clear();
        ARMED.addAll(points);
    }

    static Set<String> fired() {
        return Collections.unmodifiableSet(new TreeSet<>(FIRED));
    }

    /** The highest task attempt number seen: how often the job restarted (at least). */
    static int restarts() {
        return ATTEMPTS.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @Override
    public void pages(DataStream<PageRow> pages) {
        delegate.pages(failing(pages, "pages"));
    }

    @Override
    public void events(DataStream<ListingEvent> events) {
        delegate.events(failing(events, "events"));
    }

    @Override
    public void stats(DataStream<PriceStat> stats) {
        delegate.stats(failing(stats, "stats"));
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        delegate.alerts(failing(alerts, "alerts"));
    }

    private static <T> DataStream<T> failing(DataStream<T> stream, String name) {
        return stream.map(new FailAt<T>(name)).returns(stream.getType()).name("fail " + name);
    }

    /** Passes records on; throws when its stream's count reaches an armed point. */
    private static final class FailAt<T> extends RichMapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final String stream;

        FailAt(String stream) {
            this.stream = stream;
        }

        @Override
        public void open(OpenContext openContext) {
            ATTEMPTS.add(getRuntimeContext().getTaskInfo().getAttemptNumber());
        }

        @Override
        public T map(T value) {
            long n = SEEN.computeIfAbsent(stream, s -> new AtomicLong()).incrementAndGet();
            String point = stream + "#" + n;
            if (ARMED.remove(point)) {
                FIRED.add(point);
                throw new InjectedFailure("injected failure at record " + n + " of " + stream);
            }
            return value;
        }
    }

    /** The exception of an injected failure. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
