package io.stashwatch.simulator;

import java.util.List;
import java.util.OptionalLong;

/**
 * The content behind the simulator's endpoints: a deterministic river of pages and the hourly
 * Currency Exchange digests. The HTTP server decides <em>when</em> a page is available (pacing,
 * backlog) and how it is served (rate limits, faults); the feed decides <em>what</em> it contains.
 */
public interface RiverFeed {

    /** Number of pages in the river, or -1 for an endless river. */
    long pageCount();

    /** Change id of page {@code index} (0-based). Page 0 is what {@code ?id=} (empty) returns. */
    String changeId(long index);

    /** Index of the page with this change id, or empty when the id is not part of this river. */
    OptionalLong indexOf(String changeId);

    /**
     * The JSON body of page {@code index}: {@code {"next_change_id": changeId(index + 1), "stashes": [...]}}
     * with next_change_id as the first field, in the exact shape of the real API.
     */
    byte[] pageJson(long index);

    /** Leagues the market trades in, for {@code /league}. */
    List<String> leagues();

    /**
     * The Currency Exchange digest of the hour starting at {@code unixHourSeconds} (a multiple of
     * 3600): {@code {"next_change_id": <hour + 3600>, "markets": [...]}}. The server answers 404 for
     * the hour in progress and later ones.
     */
    byte[] currencyExchangeJson(long unixHourSeconds);
}
