package io.stashwatch.sink;

import java.io.Serializable;

/**
 * Work that runs beside a sink writer in its own thread (webhook deliveries, retention pruning),
 * started with the writer of subtask 0 and stopped when the writer closes. It must never block
 * the writer and must survive the database going away.
 */
public interface BackgroundService extends AutoCloseable {

    /** Stops the service; returns within a few seconds. */
    @Override
    void close();

    /** Creates and starts a service on the task manager; serialisable with the sink. */
    @FunctionalInterface
    interface Factory extends Serializable {
        BackgroundService start();
    }
}
