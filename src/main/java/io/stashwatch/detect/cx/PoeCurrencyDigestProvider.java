package io.stashwatch.detect.cx;

import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.cx.CurrencyExchangeClient;
import io.stashwatch.poe.metrics.PoeMetrics;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Currency Exchange digests from the PoE API (or any compatible server) through the shared client,
 * so its requests obey the same rate limits and invalid-request budget as the river.
 *
 * <p>Every "not yet published" answer is a 404 that counts against the application, so
 * {@link #latest} does not ask for the hour that just ended during the first minutes after it (digests
 * appear a few minutes late) and otherwise asks at most one unpublished hour per call.
 */
public final class PoeCurrencyDigestProvider implements CurrencyDigestProvider {
    private static final long serialVersionUID = 1L;
    /** Digests usually appear within this long after their hour ends. */
    private static final long PUBLISH_DELAY_SECONDS = 10 * 60;

    private final PoeSettings settings;
    private transient CurrencyExchangeClient client;

    public PoeCurrencyDigestProvider(PoeSettings settings) {
        this.settings = settings;
    }

    private CurrencyExchangeClient client() {
        if (client == null) {
            client = CurrencyExchangeClient.create(settings, PoeMetrics.NONE);
        }
        return client;
    }

    @Override
    public byte[] fetch(String realm, long hourSeconds) throws IOException {
        try {
            return client().fetchBody(realm, hourSeconds).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching a Currency Exchange digest");
        }
    }

    @Override
    public Digest latest(String realm, long nowMillis) throws IOException {
        long now = nowMillis / 1000;
        long newest = CurrencyExchangeClient.lastCompleteHour(now);
        if (now - (newest + 3600) < PUBLISH_DELAY_SECONDS) {
            newest -= 3600;
        }
        for (int back = 0; back < 3; back++) {
            long hour = newest - back * 3600L;
            byte[] body = fetch(realm, hour);
            if (body != null) {
                return new Digest(hour, body);
            }
        }
        return null;
    }
}
