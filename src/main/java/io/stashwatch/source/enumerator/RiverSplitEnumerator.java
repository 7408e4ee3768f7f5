package io.stashwatch.source.enumerator;

import io.stashwatch.job.ClassLoaderRelease;
import io.stashwatch.poe.RiverFetcherFactory;
import io.stashwatch.source.split.RiverSplit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one split per realm the first time the job runs (resolving {@code poe.start-change-id}
 * on the coordinator thread pool), and assigns realm {@code i} to reader {@code i % parallelism}.
 * In bounded mode every reader is told there are no more splits once it holds its own.
 */
public final class RiverSplitEnumerator implements SplitEnumerator<RiverSplit, RiverEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(RiverSplitEnumerator.class);

    private final SplitEnumeratorContext<RiverSplit> context;
    private final RiverFetcherFactory fetchers;
    private final List<String> realms;
    private final String startSetting;
    private final long epochMillis;
    private final boolean bounded;

    private final Set<String> initializedRealms;
    private final List<RiverSplit> pending;

    public RiverSplitEnumerator(SplitEnumeratorContext<RiverSplit> context, RiverFetcherFactory fetchers,
            List<String> realms, String startSetting, long epochMillis, boolean bounded,
            @Nullable RiverEnumeratorState restored) {
        this.context = context;
        this.fetchers = fetchers;
        this.realms = List.copyOf(realms);
        this.startSetting = startSetting;
        this.epochMillis = epochMillis;
        this.bounded = bounded;
        this.initializedRealms = new LinkedHashSet<>(restored == null ? Set.of() : restored.initializedRealms());
        this.pending = new ArrayList<>(restored == null ? List.of() : restored.pending());
    }

    @Override
    public void start() {
        for (String realm : realms) {
            if (initializedRealms.contains(realm)) {
                continue;
            }
            context.callAsync(() -> fetchers.resolveStart(realm, startSetting), (cursor, error) -> {
                if (error != null) {
                    throw new SuppressRestartsException(new IllegalStateException(
                            "Cannot find where to start the " + realm + " river: " + rootMessage(error), error));
                }
                LOG.info("Starting the {} river at {}", realm, cursor.isEmpty() ? "its first page" : cursor);
                initializedRealms.add(realm);
                pending.add(new RiverSplit(realm, cursor, 0, epochMillis));
                assignPending();
            });
        }
        assignPending();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    private int ownerOf(String realm) {
        int index = realms.indexOf(realm);
        return Math.max(index, 0) % context.currentParallelism();
    }

    private void assignPending() {
        List<RiverSplit> still = new ArrayList<>();
        for (RiverSplit split : pending) {
            int owner = ownerOf(split.realm());
            if (context.registeredReaders().containsKey(owner)) {
                LOG.info("Assigning {} to reader {}", split, owner);
                context.assignSplit(split, owner);
            } else {
                still.add(split);
            }
        }
        pending.clear();
        pending.addAll(still);
        if (bounded && initializedRealms.size() == realms.size()) {
            for (int reader : context.registeredReaders().keySet()) {
                if (!hasPendingFor(reader)) {
                    context.signalNoMoreSplits(reader);
                }
            }
        }
    }

    private boolean hasPendingFor(int reader) {
        for (RiverSplit split : pending) {
            if (ownerOf(split.realm()) == reader) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        // Splits are pushed on registration; readers never ask.
    }

    @Override
    public void addSplitsBack(List<RiverSplit> splits, int subtaskId) {
        LOG.info("Reader {} failed; taking back {}", subtaskId, splits);
        pending.addAll(splits);
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    @Override
    public RiverEnumeratorState snapshotState(long checkpointId) {
        return new RiverEnumeratorState(initializedRealms, pending);
    }

    /**
     * The JobManager offers enumerators no class loader release hook; the head lookup may have
     * created the shared PoE HTTP client there, so let go of it now (a restarted enumerator
     * creates a new one if it needs it).
     */
    @Override
    public void close() {
        ClassLoaderRelease.run();
    }
}
