package io.stashwatch.detect.cx;

import java.io.IOException;
import java.io.Serializable;

/**
 * Where {@link CurrencyRateSource} gets Currency Exchange digests: the job wires the PoE API client
 * (or the simulator), tests pass a fixed set. Serialisable, since it travels to the source reader;
 * an implementation opens its HTTP connections lazily.
 */
public interface CurrencyDigestProvider extends Serializable {

    /** One hour's digest. */
    final class Digest {
        /** Start of the hour, unix seconds. */
        public final long hourSeconds;
        /** The JSON body ({@code {"next_change_id": …, "markets": [...]}}). */
        public final byte[] body;

        public Digest(long hourSeconds, byte[] body) {
            this.hourSeconds = hourSeconds;
            this.body = body;
        }
    }

    /**
     * The digest of the hour starting at {@code hourSeconds} in {@code realm}, or null when that
     * hour is not published (yet): the hour in progress never is, and digests appear a few minutes
     * late. A published hour never changes.
     *
     * @throws IOException when the API cannot be reached or refuses (missing scope, outage)
     */
    byte[] fetch(String realm, long hourSeconds) throws IOException;

    /**
     * The newest published digest at wall-clock time {@code nowMillis}, or null when none of the
     * last few hours is published. Default: the last complete hour, else the ones before it.
     */
    default Digest latest(String realm, long nowMillis) throws IOException {
        long current = Math.floorDiv(nowMillis, 3_600_000L) * 3600L;
        for (int back = 1; back <= 3; back++) {
            long hour = current - back * 3600L;
            byte[] body = fetch(realm, hour);
            if (body != null) {
                return new Digest(hour, body);
            }
        }
        return null;
    }
}
