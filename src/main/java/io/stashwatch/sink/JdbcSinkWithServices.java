package io.stashwatch.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * A {@link JdbcSink} (at-least-once: every checkpoint flushes the pending batch) whose subtask 0
 * also runs background services. The JDBC writer is used as is; the services get their own
 * connections, so they never delay a batch.
 */
final class JdbcSinkWithServices<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final JdbcSink<T> jdbc;
    private final List<BackgroundService.Factory> services;

    JdbcSinkWithServices(JdbcSink<T> jdbc, List<BackgroundService.Factory> services) {
        this.jdbc = jdbc;
        this.services = List.copyOf(services);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        SinkWriter<T> writer = jdbc.createWriter(context);
        if (services.isEmpty() || context.getTaskInfo().getIndexOfThisSubtask() != 0) {
            return writer;
        }
        List<BackgroundService> started = new ArrayList<>();
        for (BackgroundService.Factory f : services) {
            started.add(f.start());
        }
        return new Writer<>(writer, started);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final SinkWriter<T> delegate;
        private final List<BackgroundService> services;

        Writer(SinkWriter<T> delegate, List<BackgroundService> services) {
            this.delegate = delegate;
            this.services = services;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            delegate.write(element, context);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            delegate.flush(endOfInput);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            delegate.writeWatermark(watermark);
        }

        @Override
        public void close() throws Exception {
            try {
                delegate.close();
            } finally {
                for (BackgroundService s : services) {
                    s.close();
                }
            }
        }
    }
}
