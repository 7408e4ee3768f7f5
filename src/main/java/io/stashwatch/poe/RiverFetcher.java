package io.stashwatch.poe;

import java.io.IOException;
import java.time.Duration;

/**
 * Follows one realm's river from a change id, handing pages on strictly in chain order. Behind it:
 * OAuth, rate limits, retries with backoff, pipelining, polite polling at the head.
 *
 * <p>Thread model: one consumer thread calls {@link #poll}; {@link #close} may come from any thread.
 */
public interface RiverFetcher extends AutoCloseable {

    /**
     * The next page in chain order, or null when none is ready within {@code timeout}. Head pages
     * ({@link RawPage#isHead()}) are returned too, at most one per head poll, so the caller can tell
     * it is caught up.
     *
     * @throws PoeFatalException when going on is wrong: bad cursor, bad credentials, the
     *     invalid-request threshold would be crossed. Never thrown for transient faults.
     */
    RawPage poll(Duration timeout) throws InterruptedException, IOException;

    @Override
    void close();
}
