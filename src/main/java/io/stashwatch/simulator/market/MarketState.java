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
    /** The last {@link #RECENT} listings per key slot: page and account, in a ring. */
    static final int RECENT = 32;
    final int[] recentPage;
    final int[] recentAccount;
    final byte[] recentNext;
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
        recentPage = new int[n * RECENT];
        Arrays.fill(recentPage, -1);
        recentAccount = new int[n * RECENT];
        recentNext = new byte[n];
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
        recentPage = o.recentPage.clone();
        recentAccount = o.recentAccount.clone();
        recentNext = o.recentNext.clone();
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

    /** Counts a new priced listing of a key (slot = league * keys + key) by an account at a page. */
    void recordListing(int slot, int account, long atPage) {
        listings[slot]++;
        int at = slot * RECENT + recentNext[slot];
        recentPage[at] = (int) Math.min(atPage, Integer.MAX_VALUE);
        recentAccount[at] = account;
        recentNext[slot] = (byte) ((recentNext[slot] + 1) % RECENT);
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

    /** Distinct accounts among the key's last {@link #RECENT} listings made at {@code fromPage} or later. */
    int recentDistinct(int slot, long fromPage) {
        int base = slot * RECENT;
        int n = 0;
        int[] seen = new int[RECENT];
        for (int i = 0; i < RECENT; i++) {
            int p = recentPage[base + i];
            if (p < 0 || p < fromPage) {
                continue;
            }
            int a = recentAccount[base + i];
            boolean dup = false;
            for (int j = 0; j < n; j++) {
                if (seen[j] == a) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                seen[n++] = a;
            }
        }
        return n;
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
