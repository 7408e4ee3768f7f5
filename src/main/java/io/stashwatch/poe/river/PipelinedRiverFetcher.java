package io.stashwatch.poe.river;

import io.stashwatch.poe.PoeApi;
import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.RawPage;
import io.stashwatch.poe.RiverFetcher;
import io.stashwatch.poe.http.ApiError;
import io.stashwatch.poe.http.PoeResponse;
import io.stashwatch.poe.http.TransientPoeException;
import io.stashwatch.poe.metrics.PoeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one realm's river with up to {@code poe.pipeline-depth} requests in flight.
 *
 * <p>Each page is a slot in a chain. A slot's request starts as soon as the previous page's
 * {@code next_change_id} has been read from the first bytes of its body (and the rate limiter
 * allows), so the next page downloads while the current one is still arriving. {@link #poll}
 * hands completed slots on strictly in chain order. Transient faults are retried inside the slot
 * forever; if a page fetched again names a different next id than the one already followed, the
 * slots after it are discarded and the chain continues from the new id, so the pages handed on
 * always form one chain.
 *
 * <p>At the head (the same id comes back with no stashes) the head page is handed on once and the
 * same id is asked again after {@code poe.head-poll-interval}.
 *
 * <p>{@link #close} interrupts every request in flight (HTTP exchange, body download, limiter wait,
 * backoff) and returns within about a second.
 */
public final class PipelinedRiverFetcher implements RiverFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(PipelinedRiverFetcher.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Completed pages that may wait for the consumer beyond the requests in flight. */
    private static final int EXTRA_BUFFERED = 2;

    private final PoeApi api;
    private final String realm;
    private final String endpoint;
    private final PoeMetrics metrics;
    private final int depth;
    private final long headPollNanos;
    private final ExecutorService workers;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    /** Id of the next request to start; null while the last slot's next id is not known yet. */
    private String nextId;
    private long notBeforeNanos;
    private int running;
    private boolean closed;
    private boolean stopped;
    private PoeFatalException fatal;

    public PipelinedRiverFetcher(PoeApi api, String realm, String startChangeId, PoeMetrics metrics) {
        this.api = api;
        this.realm = realm;
        this.endpoint = "river/" + realm;
        this.metrics = metrics;
        PoeSettings s = api.settings();
        this.depth = s.pipelineDepth();
        this.headPollNanos = s.headPollInterval().toNanos();
        this.nextId = startChangeId == null ? "" : startChangeId;
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "poe-river-" + realm + "-" + instance + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newCachedThreadPool(factory);
        lock.lock();
        try {
            pump();
        } finally {
            lock.unlock();
        }
    }

    /** The URI of the page with this change id ("" = the first page of the river). */
    public static String path(String realm, String changeId) {
        String base = "pc".equals(realm) ? "/public-stash-tabs" : "/public-stash-tabs/" + enc(realm);
        return changeId == null || changeId.isEmpty() ? base : base + "?id=" + enc(changeId);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public RawPage poll(Duration timeout) throws InterruptedException, IOException {
        long remaining = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            for (;;) {
                if (fatal != null) {
                    throw fatal;
                }
                if (closed) {
                    return null;
                }
                Slot first = slots.peekFirst();
                if (first != null && first.done) {
                    slots.pollFirst();
                    if (first.failure != null) {
                        fatal = first.failure;
                        throw fatal;
                    }
                    pump();
                    metrics.pageReceived(first.page.isHead());
                    return first.page;
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<Slot> toCancel;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toCancel = new ArrayList<>(slots);
            slots.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Slot s : toCancel) {
            s.cancel();
        }
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("River fetcher of realm {}: requests still finishing after close", realm);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts requests while the chain, the depth and the buffer allow. Called with the lock held. */
    private void pump() {
        while (!closed && !stopped && nextId != null && running < depth && slots.size() < depth + EXTRA_BUFFERED) {
            Slot s = new Slot(nextId, notBeforeNanos);
            nextId = null;
            slots.addLast(s);
            running++;
            s.future = workers.submit(s);
        }
    }

    /** A slot read its page's next id (possibly again, on a retry). */
    private void onNextId(Slot slot, String next) {
        lock.lock();
        try {
            if (slot.cancelled || closed) {
                return;
            }
            if (slot.next != null) {
                if (slot.next.equals(next)) {
                    return;
                }
                LOG.warn("Page {} of realm {} now names next id {} instead of {}: continuing from the new id",
                        slot.changeId, realm, next, slot.next);
                discardAfter(slot);
            }
            slot.next = next;
            if (slots.peekLast() == slot) {
                nextId = next;
                notBeforeNanos = next.equals(slot.changeId) ? System.nanoTime() + headPollNanos : 0;
                pump();
            }
        } finally {
            lock.unlock();
        }
    }

    private void discardAfter(Slot slot) {
        Iterator<Slot> it = slots.descendingIterator();
        while (it.hasNext()) {
            Slot s = it.next();
            if (s == slot) {
                break;
            }
            it.remove();
            if (!s.done) {
                running--;
            }
            s.cancel();
        }
    }

    private void onDone(Slot slot, RawPage page, PoeFatalException failure) {
        lock.lock();
        try {
            if (slot.cancelled || slot.done) {
                return;
            }
            slot.done = true;
            slot.page = page;
            slot.failure = failure;
            running--;
            if (failure != null) {
                stopped = true;
            }
            changed.signalAll();
            pump();
        } finally {
            lock.unlock();
        }
    }

    /** One page of the chain: its request runs on a worker thread, retried until it succeeds. */
    private final class Slot implements Runnable {
        final String changeId;
        final long notBefore;
        volatile Future<?> future;
        volatile boolean cancelled;
        // guarded by lock
        String next;
        boolean done;
        RawPage page;
        PoeFatalException failure;

        Slot(String changeId, long notBefore) {
            this.changeId = changeId;
            this.notBefore = notBefore;
        }

        void cancel() {
            cancelled = true;
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }

        @Override
        public void run() {
            try {
                long wait = notBefore == 0 ? 0 : notBefore - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String what = "River page " + (changeId.isEmpty() ? "(first)" : changeId) + " of realm " + realm;
                RawPage p = api.http().retrying(what, metrics, this::fetchOnce);
                onDone(this, p, null);
            } catch (PoeFatalException e) {
                onDone(this, null, e);
            } catch (InterruptedException e) {
                if (!cancelled && !closed()) {
                    onDone(this, null, new PoeFatalException("River fetcher of realm " + realm + " was interrupted"));
                }
            } catch (IOException | RuntimeException e) {
                if (!cancelled && !closed()) {
                    LOG.error("River fetcher of realm {} failed unexpectedly", realm, e);
                    onDone(this, null, new PoeFatalException("River fetcher of realm " + realm + " failed: " + e, e));
                }
            }
        }

        private RawPage fetchOnce() throws IOException, InterruptedException {
            URI uri = api.uri(path(realm, changeId));
            PoeResponse r = api.get(endpoint, uri, PoeSettings.SCOPE_PSAPI, metrics);
            if (r.status() == 200) {
                return readPage(r);
            }
            byte[] body = PoeApi.readError(r, metrics);
            ApiError error = ApiError.parse(body);
            if (r.status() == 400 && error.code() == ApiError.INVALID_QUERY) {
                throw new PoeFatalException("The PoE API refused change id '" + changeId + "' of realm " + realm
                        + " (400, " + error.describe() + "): the river cursor is not valid. Start from another "
                        + "id with --poe.start-change-id, or remove the checkpoints in state.dir");
            }
            if (r.status() >= 200 && r.status() < 300) {
                throw new TransientPoeException(r.status() + " without a page for " + uri.getPath());
            }
            throw new PoeFatalException("The PoE API answered " + r.status() + " (" + error.describe() + ") to "
                    + uri.getPath() + (r.status() == 404 ? ": is realm '" + realm + "' right (pc, xbox, sony)?" : ""));
        }

        private RawPage readPage(PoeResponse r) throws IOException {
            PageBuffer buf = new PageBuffer(256 * 1024);
            NextChangeIdSniffer sniffer = new NextChangeIdSniffer();
            byte[] chunk = new byte[64 * 1024];
            try {
                InputStream in = r.body();
                int n;
                while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
                    if (n == 0) {
                        continue;
                    }
                    buf.write(chunk, 0, n);
                    if (sniffer.active() && sniffer.feed(chunk, 0, n) != null) {
                        onNextId(this, sniffer.result());
                    }
                }
                r.finish();
            } finally {
                metrics.bytesReceived(r.wireBytes());
                r.close();
            }
            String next = sniffer.result();
            if (next == null) {
                next = NextChangeIdSniffer.findInWholeBody(buf.array(), buf.size());
                if (next == null) {
                    throw new TransientPoeException("River page " + changeId + " has no next_change_id ("
                            + buf.size() + " bytes)");
                }
                onNextId(this, next);
            }
            if (!buf.endsWithObjectClose()) {
                throw new TransientPoeException("River page " + changeId + " was cut short after " + buf.size()
                        + " bytes");
            }
            return new RawPage(realm, changeId, next, buf.toByteArray(), r.receivedAtMillis(), r.wireBytes());
        }
    }

    private boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
