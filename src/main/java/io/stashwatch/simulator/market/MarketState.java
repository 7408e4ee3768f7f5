package io.stashwatch.simulator.market;

import java.util.Arrays;

/**
 * The changing part of a simulated market: where the river is, the generator position, every
 * stash's status and items, and the counts scenarios depend on. {@link #copy()} is cheap (item
 * arrays are copy-on-write and items immutable), so the feed keeps copies to regenerate old pages.
 */
final class MarketState {
    static final byte DORMANT = 0;
    static final byte PUBLIC = 1;
    static final byte PRIVATE = 2;
    private static final SimItem[] NONE = new SimItem[0];

    /** Index of the next page to generate. */
    long page;
    final Rng rng;
    long nextSerial;
    final byte[] status;
    /** Items per stash; arrays are never modified in place, only replaced. */
    final SimItem[][] items;
    /** Priced listings created per [league * keys + key]. */
    final int[] listings;
    /** Distinct accounts that listed per [league * keys + key], counted up to {@link #distinctCap}. */
    final int[] distinct;
    final int[][] seenAccounts;
    final int distinctCap;
    /** Accounts that listed a scenario key since its shift or crash, per boost slot. */
    final int[][] boostAccounts;
    final int[] boostCount;
    boolean fixerStarted;

    MarketState(World w) {
        rng = new Rng(Rng.hash(w.seed, 0x9A6EL));
        status = new byte[w.stashes.length];
        items = new SimItem[w.stashes.length][];
        Arrays.fill(items, NONE);
        int n = w.leagues.length * w.keys.size();
        listings = new int[n];
        distinct = new int[n];
        seenAccounts = new int[n][];
        distinctCap = Math.max(16, w.settings.minDistinctAccounts());
        int slots = w.plan.shiftKey.length + 1;
        boostAccounts = new int[slots][];
        for (int i = 0; i < slots; i++) {
            boostAccounts[i] = new int[8];
        }
        boostCount = new int[slots];
    }

    private MarketState(MarketState o) {
        page = o.page;
        rng = new Rng(o.rng.state());
        nextSerial = o.nextSerial;
        status = o.status.clone();
        items = o.items.clone();
        listings = o.listings.clone();
        distinct = o.distinct.clone();
        seenAccounts = new int[o.seenAccounts.length][];
        for (int i = 0; i < seenAccounts.length; i++) {
            if (o.seenAccounts[i] != null) {
                seenAccounts[i] = o.seenAccounts[i].clone();
            }
        }
        distinctCap = o.distinctCap;
        boostAccounts = new int[o.boostAccounts.length][];
        for (int i = 0; i < boostAccounts.length; i++) {
            boostAccounts[i] = o.boostAccounts[i].clone();
        }
        boostCount = o.boostCount.clone();
        fixerStarted = o.fixerStarted;
    }

    MarketState copy() {
        return new MarketState(this);
    }

    /** Counts a new priced listing of a key by an account. */
    void recordListing(int slot, int account) {
        listings[slot]++;
        if (distinct[slot] >= distinctCap) {
            return;
        }
        int[] seen = seenAccounts[slot];
        if (seen == null) {
            seen = seenAccounts[slot] = new int[distinctCap];
        }
        for (int i = 0; i < distinct[slot]; i++) {
            if (seen[i] == account) {
                return;
            }
        }
        seen[distinct[slot]++] = account;
    }

    boolean boostUsed(int slot, int account) {
        for (int i = 0; i < boostCount[slot]; i++) {
            if (boostAccounts[slot][i] == account) {
                return true;
            }
        }
        return false;
    }

    void addBoost(int slot, int account) {
        if (boostCount[slot] == boostAccounts[slot].length) {
            boostAccounts[slot] = Arrays.copyOf(boostAccounts[slot], boostCount[slot] * 2);
        }
        boostAccounts[slot][boostCount[slot]++] = account;
    }
}
