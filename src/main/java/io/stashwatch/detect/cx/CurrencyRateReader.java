package io.stashwatch.detect.cx;

import io.stashwatch.market.CurrencyDigests;
import io.stashwatch.market.RateUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the provider on its own thread (HTTP never blocks the task thread) and emits each new
 * digest's rates in one {@link #pollNext} call, updating the split's emitted hour in the same call,
 * so a checkpoint never separates a digest from its hour: after a restore, a digest is either
 * emitted again or was never emitted.
 *
 * <p>Rates carry no river time. The reader holds the watermark back only until its first round of
 * fetches is over (or {@link #FIRST_ROUND_TIMEOUT_MS} passed), emitting that round's rates first,
 * then emits the maximum watermark: from then on this input never holds back event time
 * downstream. So the detector sees the digest available at start before it judges the first page
 * (the same digests give the same results on a replay), and later digests from the moment they
 * arrive.
 */
final class CurrencyRateReader implements SourceReader<RateUpdate, CurrencySplit> {
    private static final Logger LOG = LoggerFactory.getLogger(CurrencyRateReader.class);
    /** Longest time the first round may hold back the watermark. */
    static final long FIRST_ROUND_TIMEOUT_MS = 30_000;

    /** One digest's rates, ready to emit. */
    private static final class Batch {
        final String realm;
        final long hour;
        final List<RateUpdate> rates;

        Batch(String realm, long hour, List<RateUpdate> rates) {
            this.realm = realm;
            this.hour = hour;
            this.rates = rates;
        }
    }

    private final CurrencyDigestProvider provider;
    private final Collection<String> leagues;
    private final long pollMillis;
    private final boolean bounded;
    private final LongSupplier clock;
    private final ConcurrentLinkedQueue<Batch> ready = new ConcurrentLinkedQueue<>();
    /** Newest hour fetched per realm (fetch thread only). */
    private final Map<String, Long> fetched = new HashMap<>();
    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private ScheduledExecutorService executor;
    private CurrencySplit split;
    private boolean noMoreSplits;
    private volatile boolean fetchedOnce;
    private boolean watermarkSent;
    private long firstRoundDeadline = Long.MAX_VALUE;

    CurrencyRateReader(CurrencyDigestProvider provider, Collection<String> leagues, long pollMillis, boolean bounded,
            LongSupplier clock) {
        this.provider = provider;
        this.leagues = leagues;
        this.pollMillis = pollMillis;
        this.bounded = bounded;
        this.clock = clock;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "currency-exchange-poller");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RateUpdate> output) {
        Batch batch = ready.poll();
        if (batch != null) {
            for (RateUpdate u : batch.rates) {
                output.collect(u);
            }
            split.setEmittedHour(batch.realm, batch.hour);
            if (!ready.isEmpty()) {
                return InputStatus.MORE_AVAILABLE;
            }
        }
        if (!watermarkSent && split != null && (fetchedOnce || clock.getAsLong() >= firstRoundDeadline)) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
            watermarkSent = true;
        }
        return statusWhenIdle();
    }

    private InputStatus statusWhenIdle() {
        if (split == null) {
            return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        if (bounded && fetchedOnce && ready.isEmpty()) {
            return InputStatus.END_OF_INPUT;
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<CurrencySplit> snapshotState(long checkpointId) {
        return split == null ? List.of() : List.of(split.copy());
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (lock) {
            boolean firstRoundOver = !watermarkSent && split != null
                    && (fetchedOnce || clock.getAsLong() >= firstRoundDeadline);
            if (!ready.isEmpty() || (split == null && noMoreSplits) || (bounded && fetchedOnce) || firstRoundOver) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    @Override
    public void addSplits(List<CurrencySplit> splits) {
        if (splits.isEmpty()) {
            return;
        }
        split = splits.get(0).copy();
        for (String realm : split.realms) {
            fetched.put(realm, split.emittedHour(realm));
        }
        firstRoundDeadline = clock.getAsLong() + FIRST_ROUND_TIMEOUT_MS;
        executor.execute(this::poll);
        executor.schedule(this::signal, FIRST_ROUND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        signal();
    }

    /** One round over the realms (poller thread); reschedules itself when unbounded. */
    private void poll() {
        String[] realms;
        synchronized (lock) {
            realms = split.realms.clone();
        }
        for (String realm : realms) {
            try {
                CurrencyDigestProvider.Digest d = provider.latest(realm, clock.getAsLong());
                long known = fetched.getOrDefault(realm, -1L);
                if (d != null && d.hourSeconds > known) {
                    List<RateUpdate> rates = new ArrayList<>(CurrencyDigests.toRates(d.body, d.hourSeconds, leagues));
                    fetched.put(realm, d.hourSeconds);
                    ready.add(new Batch(realm, d.hourSeconds, rates));
                    LOG.info("Currency Exchange {}: {} rates from the digest of hour {}", realm, rates.size(), d.hourSeconds);
                }
            } catch (Exception e) {
                LOG.warn("Currency Exchange rates for {} unavailable ({}); using river rates", realm, oneLine(e));
            }
        }
        fetchedOnce = true;
        signal();
        if (!bounded && !executor.isShutdown()) {
            executor.schedule(this::poll, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void signal() {
        CompletableFuture<Void> f;
        synchronized (lock) {
            f = available;
        }
        f.complete(null);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.split("\n")[0]);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
