package io.stashwatch.testutil;

import io.stashwatch.market.Hashes;
import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;

/** Listing events for tests: league Standard, realm pc, page p at river time EPOCH + p × 1 s. */
public final class Listings {
    public static final long EPOCH = 1_700_000_000_000L;
    public static final long PAGE = 1000L;
    public static final String LEAGUE = "Standard";

    private Listings() {
    }

    public static long time(long page) {
        return EPOCH + page * PAGE;
    }

    /** A unique item listed in the account's stash. */
    public static ListingEvent listed(long page, String item, String account, String key, double amount, String currency) {
        return event(EventKind.LISTED, page, item, account, key, amount, currency, 3);
    }

    public static ListingEvent repriced(long page, String item, String account, String key, double amount, String currency,
            double prevAmount, String prevCurrency) {
        ListingEvent e = event(EventKind.REPRICED, page, item, account, key, amount, currency, 3);
        e.prevPriceAmount = prevAmount;
        e.prevPriceCurrency = prevCurrency;
        return e;
    }

    public static ListingEvent delisted(long page, String item, String account, String key, double amount, String currency) {
        return event(EventKind.DELISTED, page, item, account, key, amount, currency, 3);
    }

    public static ListingEvent event(EventKind kind, long page, String item, String account, String key, double amount,
            String currency, int frameType) {
        ListingEvent e = new ListingEvent();
        e.kind = kind;
        e.itemId = item;
        e.stashId = "stash-" + account;
        e.realm = "pc";
        e.league = LEAGUE;
        e.accountName = account;
        e.itemKey = key;
        e.name = key;
        e.baseType = key;
        e.frameType = frameType;
        e.note = "~price " + amount + " " + currency;
        e.priceAmount = amount;
        e.priceCurrency = currency;
        e.changeId = "change-" + page;
        e.seq = page;
        e.riverTime = time(page);
        e.fetchedAt = time(page) + 5;
        e.eventId = Hashes.sha256Hex16(e.changeId + "|" + e.stashId + "|" + item + "|" + kind.dbName());
        return e;
    }
}
