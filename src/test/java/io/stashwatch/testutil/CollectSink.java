package io.stashwatch.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A sink collecting records into a named in-JVM list (MiniCluster tests run in the test's JVM). */
public final class CollectSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String name;

    private CollectSink(String name) {
        this.name = name;
    }

    /** A sink writing into the (emptied) list called {@code name}. */
    public static <T> CollectSink<T> named(String name) {
        RESULTS.put(name, new ConcurrentLinkedQueue<>());
        return new CollectSink<>(name);
    }

    /** What the sink called {@code name} received so far. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> results(String name) {
        Queue<Object> q = RESULTS.get(name);
        List<T> out = new ArrayList<>();
        if (q != null) {
            for (Object o : q) {
                out.add((T) o);
            }
        }
        return out;
    }

    /** Forgets what the sink called {@code name} received. */
    public static void clear(String name) {
        RESULTS.remove(name);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> q = RESULTS.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                q.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
