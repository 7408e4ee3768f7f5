package io.stashwatch.poe.cx;

import java.util.List;

/**
 * One hour of the Currency Exchange: every market (league and currency pair) traded in the hour
 * starting at {@code hour} (unix seconds, a multiple of 3600). A published hour never changes.
 *
 * @param nextHour the id of the following hour, to ask for next
 */
public record CurrencyDigest(long hour, long nextHour, List<CurrencyMarket> markets) {
    public CurrencyDigest {
        markets = List.copyOf(markets);
    }
}
