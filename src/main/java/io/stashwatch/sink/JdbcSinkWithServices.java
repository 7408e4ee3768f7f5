package io.stashwatch.sink;

import io.stashwatch.job.ClassLoaderRelease;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JdbcSink} (at-least-once: every checkpoint flushes the pending batch) whose subtask 0
 * also runs background services. The JDBC writer is used as is; the services get their own
 * connections, so they never delay a batch.
 *
 * <p>Closing never throws: when a task fails because the database is gone, the JDBC writer's
 * close tries to flush its batch again and throws, and an exception thrown while a failed task is
 * cleaned up is fatal to the whole task manager. Those records are not lost: the end of input and
 * every checkpoint flush explicitly (and fail the task when they cannot), so what close would
 * still write is exactly what the restore replays.
 */
final class JdbcSinkWithServices<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkWithServices.class);

    private final JdbcSink<T> jdbc;
    private final List<BackgroundService.Factory> services;

    JdbcSinkWithServices(JdbcSink<T> jdbc, List<BackgroundService.Factory> services) {
        this.jdbc = jdbc;
        this.services = List.copyOf(services);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        // the JDBC driver registers itself JVM-wide: let go of it when the job's class loader goes
        ClassLoaderRelease.register(context.getUserCodeClassLoader());
        SinkWriter<T> writer = jdbc.createWriter(context);
        List<BackgroundService> started = new ArrayList<>();
        if (context.getTaskInfo().getIndexOfThisSubtask() == 0) {
            for (BackgroundService.Factory f : services) {
                started.add(f.start());
            }
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
        public void close() {
            try {
                delegate.close();
            } catch (Exception e) {
                LOG.warn("JDBC writer closed with unwritten rows; they are replayed from the last checkpoint: {}",
                        e.getCause() != null ? e.getCause().toString() : e.toString());
            } finally {
                for (BackgroundService s : services) {
                    try {
                        s.close();
                    } catch (RuntimeException e) {
                        LOG.warn("Could not stop a sink service cleanly", e);
                    }
                }
            }
        }
    }
}
