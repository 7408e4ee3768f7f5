package io.stashwatch.source.reader;

import io.stashwatch.job.Progress;
import io.stashwatch.model.RiverPage;
import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.RawPage;
import io.stashwatch.poe.RiverFetcher;
import io.stashwatch.poe.RiverFetcherFactory;
import io.stashwatch.source.RiverPageDeserializer;
import io.stashwatch.source.split.RiverSplit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the source's fetcher thread: polls each realm's {@link RiverFetcher}, parses pages and
 * numbers them (seq, river time). Head answers are not emitted; in bounded mode a realm is finished
 * once its head has brought nothing new for the idle time-out.
 */
final class RiverSplitReader implements SplitReader<RiverPage, RiverSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(RiverSplitReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final RiverFetcherFactory fetchers;
    private final RiverPageDeserializer deserializer;
    private final long pageIntervalMillis;
    @Nullable private final Duration idleTimeout;
    private final MetricGroup metrics;
    private final Counter pagesCounter;
    private final Counter stashesCounter;
    private final Counter headCounter;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private volatile boolean wakeUp;
    private volatile long lastHeadAt;
    private volatile long pagesSinceHead;

    RiverSplitReader(RiverFetcherFactory fetchers, RiverPageDeserializer deserializer, long pageIntervalMillis,
            @Nullable Duration idleTimeout, MetricGroup metrics) {
        this.fetchers = fetchers;
        this.deserializer = deserializer;
        this.pageIntervalMillis = pageIntervalMillis;
        this.idleTimeout = idleTimeout;
        this.metrics = metrics;
        this.pagesCounter = metrics.counter("riverPages");
        this.stashesCounter = metrics.counter("riverStashes");
        this.headCounter = metrics.counter("riverHeadPolls");
        metrics.gauge("riverAtHead", () -> lastHeadAt > 0 && pagesSinceHead == 0 ? 1 : 0);
        metrics.gauge("riverPagesSinceHead", () -> pagesSinceHead);
    }

    /** One realm being followed. */
    private static final class Cursor {
        final RiverSplit split;
        final RiverFetcher fetcher;
        long nextSeq;
        long nextRiverTime;
        long lastProgressAt;

        Cursor(RiverSplit split, RiverFetcher fetcher) {
            this.split = split;
            this.fetcher = fetcher;
            this.nextSeq = split.seq();
            this.nextRiverTime = split.riverTime();
            this.lastProgressAt = System.currentTimeMillis();
        }
    }

    @Override
    public RecordsWithSplitIds<RiverPage> fetch() throws IOException {
        wakeUp = false;
        if (cursors.isEmpty()) {
            sleepQuietly(POLL.toMillis());
            return new RecordsBySplits<>(Collections.emptyMap(), Collections.emptySet());
        }
        Map<String, java.util.Collection<RiverPage>> records = new LinkedHashMap<>();
        Set<String> finished = new java.util.LinkedHashSet<>();
        Duration perCursor = Duration.ofMillis(Math.max(10, POLL.toMillis() / cursors.size()));
        for (Cursor cursor : new ArrayList<>(cursors.values())) {
            if (wakeUp) {
                break;
            }
            RawPage raw;
            try {
                raw = cursor.fetcher.poll(perCursor);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (PoeFatalException e) {
                // Retrying cannot fix this (bad cursor, credentials, invalid-request threshold): stop the job.
                throw new SuppressRestartsException(e);
            }
            if (raw == null) {
                continue;
            }
            String realm = cursor.split.realm();
            long now = System.currentTimeMillis();
            if (raw.isHead()) {
                headCounter.inc();
                Progress.HEAD_POLLS.increment();
                Progress.LAST_HEAD_AT.set(now);
                Progress.PAGES_SINCE_HEAD.set(0);
                lastHeadAt = now;
                pagesSinceHead = 0;
                if (idleTimeout != null && now - cursor.lastProgressAt >= idleTimeout.toMillis()) {
                    LOG.info("The {} river brought nothing new for {}; finishing", realm, idleTimeout);
                    cursor.fetcher.close();
                    cursors.remove(realm);
                    finished.add(realm);
                }
                continue;
            }
            RiverPage page = deserializer.deserialize(raw);
            page.realm = realm;
            page.changeId = raw.changeId();
            if (page.nextChangeId == null) {
                page.nextChangeId = raw.nextChangeId();
            }
            if (!page.nextChangeId.equals(raw.nextChangeId())) {
                throw new IOException("Page " + raw.changeId() + " of the " + realm + " river has next_change_id "
                        + page.nextChangeId + " in its body but " + raw.nextChangeId() + " in its first bytes");
            }
            page.seq = cursor.nextSeq++;
            page.riverTime = cursor.nextRiverTime;
            cursor.nextRiverTime += pageIntervalMillis;
            page.fetchedAt = raw.fetchedAtMillis();
            if (page.bytes == 0) {
                page.bytes = raw.body().length;
            }
            page.fillPageFields();
            cursor.lastProgressAt = now;
            pagesCounter.inc();
            stashesCounter.inc(page.stashes.length);
            Progress.PAGES.increment();
            Progress.STASHES.add(page.stashes.length);
            Progress.ITEMS.add(page.itemCount);
            Progress.BYTES.add(page.bytes);
            Progress.LAST_PAGE_AT.set(now);
            Progress.PAGES_SINCE_HEAD.incrementAndGet();
            pagesSinceHead++;
            records.put(realm, List.of(page));
        }
        return new RecordsBySplits<>(records, finished);
    }

    private void sleepQuietly(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!wakeUp && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<RiverSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new IllegalStateException("River splits are never removed: " + change);
        }
        for (RiverSplit split : change.splits()) {
            LOG.info("Following {}", split);
            RiverFetcher fetcher = fetchers.open(split.realm(), split.cursor(),
                    metrics.addGroup("realm", split.realm()));
            Cursor previous = cursors.put(split.realm(), new Cursor(split, fetcher));
            if (previous != null) {
                previous.fetcher.close();
            }
        }
    }

    @Override
    public void wakeUp() {
        wakeUp = true;
    }

    @Override
    public void close() {
        for (Cursor cursor : cursors.values()) {
            cursor.fetcher.close();
        }
        cursors.clear();
    }
}
