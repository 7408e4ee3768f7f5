package io.stashwatch.simulator.market;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Advances a {@link MarketState} by one page and writes that page's JSON: scenario actions first
 * (the fixer, sellers following a shift or crash, injected underpriced listings and traps), then
 * organic activity on randomly chosen stashes until the page holds its number of stash entries.
 * Each touched stash is written once, with its full content after all of the page's changes.
 *
 * <p>Not thread-safe; one generator per sequence of states. With a {@link TruthLog} it records
 * ground truth (first generation); without, it only replays.
 */
final class PageGenerator {
    private static final int MAX_ITEMS = 60;
    private static final byte[] PAGE_START = "{\"next_change_id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STASHES = "\",\"stashes\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STASH_ID = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUBLIC = "\",\"public\":true,\"accountName\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHARACTER = ",\"lastCharacterName\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STASH_NAME = ",\"stash\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STASH_TYPE = ",\"stashType\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEAGUE = ",\"league\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ITEMS = ",\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIVATE = ("\",\"public\":false,\"accountName\":null,\"lastCharacterName\":null,"
            + "\"stash\":null,\"stashType\":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIVATE_END = ",\"league\":null,\"items\":[]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "]}".getBytes(StandardCharsets.US_ASCII);

    private final World w;
    private final ScenarioPlan plan;
    private final NoteMaker notes;
    private final ChangeIds ids;
    private final ItemWriter writer;
    private final TruthLog truth;
    private final int spp;
    private final JsonOut out;
    /** Page + 1 at which each stash was last touched. */
    private final long[] stamp;
    private final int[] touched;
    private int touchedCount;

    private MarketState st;
    private Rng rng;
    private long page;

    PageGenerator(World w, ChangeIds ids, ItemWriter writer, TruthLog truth) {
        this.w = w;
        this.plan = w.plan;
        this.notes = w.notes;
        this.ids = ids;
        this.writer = writer;
        this.truth = truth;
        this.spp = w.settings.stashesPerPage();
        this.out = new JsonOut(spp * 16 * 1024);
        this.stamp = new long[w.stashes.length];
        this.touched = new int[spp + 4];
    }

    /** Generates page {@code state.page}, advances the state past it and returns the page JSON. */
    byte[] next(MarketState state) {
        this.st = state;
        this.rng = state.rng;
        this.page = state.page;
        touchedCount = 0;

        scenarioActions();
        int guard = 0;
        while (touchedCount < spp) {
            int s = pickOrganicStash();
            if (s < 0 || ++guard > spp * 200) {
                break;
            }
            organic(s);
        }
        byte[] json = write();
        state.page++;
        this.st = null;
        this.rng = null;
        return json;
    }

    // ------------------------------------------------------------------ touching stashes

    private boolean isTouched(int s) {
        return stamp[s] == page + 1;
    }

    private void touch(int s) {
        stamp[s] = page + 1;
        touched[touchedCount++] = s;
    }

    private int slotsLeft() {
        return spp - touchedCount;
    }

    private int pickOrganicStash() {
        for (int i = 0; i < 64; i++) {
            int s = w.sampleOrganicStash(rng);
            if (!isTouched(s)) {
                return s;
            }
        }
        int n = w.organicStashes.length;
        int start = rng.nextInt(n);
        for (int i = 0; i < n; i++) {
            int s = w.organicStashes[(start + i) % n];
            if (!isTouched(s)) {
                return s;
            }
        }
        return -1;
    }

    /**
     * An untouched organic stash of a league that can take a new fungible listing (public or never
     * seen, not tab-priced, room left), of an account that has not yet listed for boost slot
     * {@code boostSlot} (-1: any account); -1 when none is found.
     */
    private int pickListingStash(int league, int boostSlot) {
        for (int i = 0; i < 600; i++) {
            int s = w.sampleOrganicStash(rng);
            World.Stash info = w.stashes[s];
            if (info.league != league || isTouched(s) || info.tabPrice != null || info.theme == World.Theme.CURRENCY
                    || st.status[s] == MarketState.PRIVATE || st.items[s].length >= MAX_ITEMS) {
                continue;
            }
            if (boostSlot >= 0 && st.boostUsed(boostSlot, info.account)) {
                continue;
            }
            return s;
        }
        return -1;
    }

    // ------------------------------------------------------------------ scenarios

    private void scenarioActions() {
        if (plan.fixerTouches(page) && slotsLeft() > 0) {
            fixer();
        }
        for (int i = 0; i < plan.shiftKey.length; i++) {
            if (page >= plan.shiftFrom[i] && page < plan.shiftFrom[i] + plan.boostPages && rng.chance(0.5)) {
                boost(i, plan.shiftKey[i]);
            }
        }
        if (plan.crashKey >= 0 && page >= plan.crashFrom && page < plan.crashFrom + plan.boostPages) {
            int slot = plan.shiftKey.length;
            boost(slot, plan.crashKey);
            if (rng.chance(0.4)) {
                boost(slot, plan.crashKey);
            }
        }
        int n = plan.underpricedAt(page);
        for (int i = 0; i < n && slotsLeft() > 0; i++) {
            underpriced();
        }
        for (int kind : plan.trapsAt(page)) {
            if (slotsLeft() > 0) {
                trap(kind);
            }
        }
    }

    /** A seller (not yet counted for this scenario) lists the key at its new fair price. */
    private void boost(int slot, int key) {
        if (slotsLeft() <= 0) {
            return;
        }
        int s = pickListingStash(0, slot);
        if (s < 0) {
            return;
        }
        World.Stash info = w.stashes[s];
        prepare(s);
        double fair = w.fair(0, key, page);
        Note note = notes.organic(0, fair * organicFactor(), w.accounts[info.account].style, rng);
        note = keepAbove(note, 0, fair, w.accounts[info.account].style);
        add(s, fungible(key, 0, note, 1, -1));
        st.addBoost(slot, info.account);
    }

    private void fixer() {
        int s = plan.fixerStash;
        World.Stash info = w.stashes[s];
        NoteStyle style = w.accounts[info.account].style;
        double fair = w.fair(0, plan.fixerKey, page);
        touch(s);
        st.status[s] = MarketState.PUBLIC;
        if (!st.fixerStarted) {
            st.fixerStarted = true;
            double sum = 0;
            SimItem[] items = new SimItem[plan.fixerListings];
            for (int i = 0; i < items.length; i++) {
                Note note = notes.organic(0, fair * rng.uniform(0.3, 0.45), style, rng);
                items[i] = fungible(plan.fixerKey, 0, note, 1, -1);
                sum += items[i].price;
                st.recordListing(plan.fixerKey, info.account, page);
            }
            st.items[s] = items;
            if (truth != null) {
                GroundTruth.Fixer f = new GroundTruth.Fixer();
                f.accountName = w.accounts[info.account].name;
                f.league = w.leagues[0];
                f.itemKey = w.key(plan.fixerKey).key;
                f.fairChaos = fair;
                f.fakeChaos = sum / items.length;
                f.fromPage = page;
                f.stashId = new String(info.id, StandardCharsets.US_ASCII);
                truth.fixers.add(f);
            }
            return;
        }
        SimItem[] old = st.items[s];
        SimItem[] items = new SimItem[old.length];
        for (int i = 0; i < old.length; i++) {
            Note note = notes.organic(0, fair * rng.uniform(0.3, 0.45), style, rng);
            items[i] = old[i].withNote(note, notes.chaosOf(0, note));
        }
        st.items[s] = items;
        if (items.length < 40 && rng.chance(0.15)) {
            Note note = notes.organic(0, fair * rng.uniform(0.3, 0.45), style, rng);
            add(s, fungible(plan.fixerKey, 0, note, 1, -1));
        }
    }

    private void underpriced() {
        int league = rng.chance(0.75) ? 0 : rng.nextInt(w.leagues.length);
        int key = -1;
        for (int i = 0; i < 400 && key < 0; i++) {
            int k = w.sampleKey(World.Theme.MIXED, rng);
            KeyDef kd = w.key(k);
            if ((kd.kind == Kind.UNIQUE || kd.kind == Kind.GEM || kd.kind == Kind.CARD)
                    && !(league == 0 && plan.scenarioKey[k]) && w.fair(league, k, page) >= 15
                    && hasReference(league, k)) {
                key = k;
            }
        }
        if (key < 0) {
            return;
        }
        int s = pickListingStash(league, -1);
        if (s < 0) {
            return;
        }
        World.Stash info = w.stashes[s];
        World.Account acc = w.accounts[info.account];
        prepare(s);
        double fair = w.fair(league, key, page);
        Note note = null;
        double price = Double.NaN;
        double target = fair * rng.uniform(0.12, 0.33);
        for (int attempt = 0; attempt < 6; attempt++) {
            int cur = target >= acc.style.divineFrom * notes.rate(league, notes.divine) ? notes.divine : notes.chaos;
            note = notes.inCurrency(league, cur, target, acc.style, true);
            price = notes.chaosOf(league, note);
            if (price <= 0.35 * fair) {
                break;
            }
            target *= 0.7;
        }
        if (!(price <= 0.35 * fair)) {
            return;
        }
        SimItem item = fungible(key, league, note, 1, -1).asSniped();
        add(s, item);
        if (truth != null) {
            GroundTruth.Underpriced u = new GroundTruth.Underpriced();
            u.itemId = new String(item.id, StandardCharsets.US_ASCII);
            u.league = w.leagues[league];
            u.itemKey = w.key(key).key;
            u.pageIndex = page;
            u.priceChaos = price;
            u.fairChaos = fair;
            u.changeId = ids.of(page);
            u.stashId = new String(info.id, StandardCharsets.US_ASCII);
            u.accountName = acc.name;
            u.note = note.text;
            truth.underpriced.add(u);
        }
    }

    /** True when enough distinct accounts listed the key in the last {@code referencePages} pages. */
    private boolean hasReference(int league, int key) {
        int slot = league * w.keys.size() + key;
        return st.recentDistinct(slot, page - w.settings.referencePages()) >= w.settings.minDistinctAccounts();
    }

    private void trap(int kindIndex) {
        String kind = ScenarioPlan.TRAP_KINDS[kindIndex];
        int league = rng.chance(0.7) ? 0 : rng.nextInt(w.leagues.length);
        double div = notes.rate(league, notes.divine);
        double ex = notes.rate(league, notes.exalted);
        int key = -1;
        int stack = 1;
        long sockets = -1;
        int forced = -1;
        switch (kind) {
            case "divine-as-chaos" -> {
                key = findKey(league, k -> isJudged(k) && w.fair(league, k, page) >= 1.3 * div);
                forced = notes.divine;
            }
            case "exalted-as-chaos" -> {
                key = findKey(league, k -> isJudged(k) && w.fair(league, k, page) >= 4 * ex
                        && w.fair(league, k, page) <= 0.9 * div);
                forced = notes.exalted;
            }
            case "links" -> {
                key = findKey(league, k -> {
                    KeyDef kd = w.key(k);
                    if (kd.kind != Kind.UNIQUE || kd.links != 0 || !isJudged(k)) {
                        return false;
                    }
                    int k6 = w.uniqueKey6[kd.def];
                    return k6 >= 0 && w.fair(league, k6, page) >= 8 * w.fair(league, k, page);
                });
                if (key >= 0) {
                    sockets = Sockets.random(rng, 6, rng.between(2, 4), colourBias(w.key(key).def));
                }
            }
            case "gem-variant" -> key = findKey(league, k -> {
                KeyDef kd = w.key(k);
                if (kd.kind != Kind.GEM || kd.gem.level != 1 || kd.gem.quality != 0 || !isJudged(k)) {
                    return false;
                }
                double top = 0;
                for (int other : w.gemKeys[kd.def]) {
                    top = Math.max(top, w.fair(league, other, page));
                }
                return top >= 15 * w.fair(league, k, page);
            });
            case "card-stack" -> {
                key = findKey(league, k -> {
                    KeyDef kd = w.key(k);
                    return kd.kind == Kind.CARD && isJudged(k) && w.cat.cards.get(kd.def).stack >= 4;
                });
                if (key >= 0) {
                    stack = rng.between(3, w.cat.cards.get(w.key(key).def).stack);
                }
            }
            default -> {
                // rare-item: handled below
            }
        }
        boolean rare = kind.equals("rare-item");
        if (!rare && key < 0) {
            return;
        }
        int s = pickListingStash(league, -1);
        if (s < 0) {
            return;
        }
        World.Stash info = w.stashes[s];
        World.Account acc = w.accounts[info.account];
        prepare(s);
        SimItem item;
        Note note;
        double fair;
        String itemKey;
        if (rare) {
            note = notes.inCurrency(league, notes.chaos, 1, acc.style, false);
            item = rareItem(league, true, note);
            fair = 0;
            itemKey = SimKeys.rare(w.cat.bases.get(item.def).base);
        } else {
            fair = w.fair(league, key, page);
            double v = fair * rng.uniform(1.0, 1.12);
            // Traps are fair: never rounded below their fair price.
            note = notes.inCurrencyAtLeast(league, forced >= 0 ? forced : notes.chaos, v, acc.style);
            item = fungible(key, league, note, stack, sockets);
            itemKey = w.key(key).key;
        }
        add(s, item);
        if (truth != null) {
            GroundTruth.Trap t = new GroundTruth.Trap();
            t.itemId = new String(item.id, StandardCharsets.US_ASCII);
            t.league = w.leagues[league];
            t.itemKey = itemKey;
            t.pageIndex = page;
            t.kind = kind;
            t.changeId = ids.of(page);
            t.stashId = new String(info.id, StandardCharsets.US_ASCII);
            t.accountName = acc.name;
            t.note = note.text;
            t.priceChaos = notes.chaosOf(league, note);
            t.fairChaos = fair;
            truth.traps.add(t);
        }
    }

    /** Keys a trap may use: fungible and in no scenario, so their fair price never moves. */
    private boolean isJudged(int k) {
        return !plan.scenarioKey[k] && w.key(k).kind.fungible();
    }

    /** A key accepted by {@code ok}, drawn by popularity; one that already has a reference if possible. */
    private int findKey(int league, java.util.function.IntPredicate ok) {
        int fallback = -1;
        for (int i = 0; i < 3000; i++) {
            int k = w.sampleKey(World.Theme.MIXED, rng);
            if (ok.test(k)) {
                if (hasReference(league, k)) {
                    return k;
                }
                if (fallback < 0) {
                    fallback = k;
                }
            }
        }
        if (fallback >= 0) {
            return fallback;
        }
        for (KeyDef kd : w.keys) {
            if (ok.test(kd.index)) {
                return kd.index;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ organic activity

    /** Makes a stash ready for a listing in this page: touched, sniped items gone, public and filled if new. */
    private void prepare(int s) {
        touch(s);
        removeSniped(s);
        if (st.status[s] == MarketState.DORMANT) {
            st.status[s] = MarketState.PUBLIC;
            fill(s);
        }
    }

    private void organic(int s) {
        touch(s);
        removeSniped(s);
        switch (st.status[s]) {
            case MarketState.DORMANT -> {
                st.status[s] = MarketState.PUBLIC;
                fill(s);
            }
            case MarketState.PRIVATE -> {
                if (rng.chance(0.5)) {
                    st.status[s] = MarketState.PUBLIC;
                    followMarket(s, 1.0);
                    if (rng.chance(0.5)) {
                        addNew(s, rng.between(1, 3));
                    }
                }
            }
            default -> publicAction(s);
        }
    }

    private void publicAction(int s) {
        int n = st.items[s].length;
        if (n == 0) {
            addNew(s, rng.chance(0.5) ? rng.between(1, 4) : fillCount());
            return;
        }
        double r = rng.nextDouble();
        if (r < 0.32) {
            if (n >= MAX_ITEMS) {
                sell(s, rng.between(1, 4));
            } else {
                addNew(s, rng.between(1, 4));
            }
        } else if (r < 0.54) {
            sell(s, rng.between(1, 4));
        } else if (r < 0.72) {
            reprice(s, rng.between(1, 4));
        } else if (r < 0.85) {
            sell(s, rng.between(1, 3));
            addNew(s, rng.between(1, 3));
        } else if (r < 0.91) {
            if (!move(s)) {
                addNew(s, rng.between(1, 3));
            }
        } else if (r < 0.98) {
            st.status[s] = MarketState.PRIVATE;
            return;
        } else {
            st.items[s] = new SimItem[0];
            return;
        }
        followMarket(s, 0.6);
    }

    private int fillCount() {
        return (int) Math.max(5, Math.min(MAX_ITEMS, Math.round(rng.logNormal(StrictMath.log(11), 0.7))));
    }

    private void fill(int s) {
        addNew(s, fillCount());
    }

    private void addNew(int s, int n) {
        n = Math.min(n, MAX_ITEMS - st.items[s].length);
        if (n <= 0) {
            return;
        }
        SimItem[] old = st.items[s];
        SimItem[] items = Arrays.copyOf(old, old.length + n);
        for (int i = 0; i < n; i++) {
            items[old.length + i] = newItem(s);
        }
        st.items[s] = items;
    }

    private void add(int s, SimItem item) {
        SimItem[] old = st.items[s];
        SimItem[] items = Arrays.copyOf(old, old.length + 1);
        items[old.length] = item;
        st.items[s] = items;
        World.Stash info = w.stashes[s];
        if (item.key >= 0 && (item.note == null ? !Double.isNaN(info.tabChaos) : item.note.fixedPrice())) {
            st.recordListing(info.league * w.keys.size() + item.key, info.account, page);
        }
    }

    private void removeSniped(int s) {
        SimItem[] items = st.items[s];
        int keep = 0;
        for (SimItem it : items) {
            if (!it.sniped) {
                keep++;
            }
        }
        if (keep == items.length) {
            return;
        }
        SimItem[] out = new SimItem[keep];
        int j = 0;
        for (SimItem it : items) {
            if (!it.sniped) {
                out[j++] = it;
            }
        }
        st.items[s] = out;
    }

    /** Removes up to n items, cheap ones (relative to their fair price) more likely. */
    private void sell(int s, int n) {
        World.Stash info = w.stashes[s];
        for (int k = 0; k < n && st.items[s].length > 0; k++) {
            SimItem[] items = st.items[s];
            int a = rng.nextInt(items.length);
            int b = rng.nextInt(items.length);
            int pick = cheapness(items[a], info) >= cheapness(items[b], info) ? a : b;
            SimItem[] out = new SimItem[items.length - 1];
            System.arraycopy(items, 0, out, 0, pick);
            System.arraycopy(items, pick + 1, out, pick, items.length - pick - 1);
            st.items[s] = out;
        }
    }

    private double cheapness(SimItem it, World.Stash info) {
        if (it.key < 0) {
            return 0.5;
        }
        double p = Double.isNaN(it.price) ? info.tabChaos : it.price;
        if (Double.isNaN(p)) {
            return 0.3;
        }
        return w.fair(info.league, it.key, page) / p;
    }

    /** Sellers lower (sometimes raise) the price of up to n items. */
    private void reprice(int s, int n) {
        World.Stash info = w.stashes[s];
        NoteStyle style = w.accounts[info.account].style;
        SimItem[] items = st.items[s].clone();
        for (int k = 0; k < n; k++) {
            int i = rng.nextInt(items.length);
            SimItem it = items[i];
            if (it.note == null || !it.note.fixedPrice() || it.sniped) {
                continue;
            }
            Note note;
            if (it.key < 0) {
                double v = Math.max(1, it.price * rng.uniform(0.6, 0.95));
                note = notes.organic(info.league, v, style, rng);
            } else {
                double fair = w.fair(info.league, it.key, page);
                double v = rng.chance(0.6) ? Math.max(it.price * rng.uniform(0.85, 0.95), fair * 0.8)
                        : fair * organicFactor();
                note = it.kind == Kind.CURRENCY ? notes.currencyUnit(info.league, it.def, v, style)
                        : keepAbove(notes.organic(info.league, v, style, rng), info.league, fair, style);
            }
            items[i] = it.withNote(note, notes.chaosOf(info.league, note));
        }
        st.items[s] = items;
    }

    /**
     * Sellers follow the market: items of scenario keys whose price is far from the key's current
     * fair price get a fresh one with probability {@code p} (always for items listed again).
     */
    private void followMarket(int s, double p) {
        World.Stash info = w.stashes[s];
        if (info.league != 0) {
            return;
        }
        SimItem[] items = st.items[s];
        SimItem[] out = null;
        for (int i = 0; i < items.length; i++) {
            SimItem it = items[i];
            if (it.key < 0 || !plan.scenarioKey[it.key] || it.sniped || Double.isNaN(it.price)) {
                continue;
            }
            double fair = w.fair(0, it.key, page);
            double r = it.price / fair;
            if ((r < 0.75 || r > 1.6) && (p >= 1.0 || rng.chance(p))) {
                NoteStyle style = w.accounts[info.account].style;
                Note note = keepAbove(notes.organic(0, fair * organicFactor(), style, rng), 0, fair, style);
                if (out == null) {
                    out = items.clone();
                }
                out[i] = it.withNote(note, notes.chaosOf(0, note));
            }
        }
        if (out != null) {
            st.items[s] = out;
        }
    }

    /** Moves 1-3 items to another public tab of the same account and league; both tabs are in this page. */
    private boolean move(int s) {
        if (slotsLeft() < 1) {
            return false;
        }
        World.Stash info = w.stashes[s];
        if (info.tabPrice != null) {
            return false;
        }
        World.Account acc = w.accounts[info.account];
        int target = -1;
        for (int t : acc.stashes) {
            World.Stash ti = w.stashes[t];
            if (t != s && ti.league == info.league && ti.tabPrice == null && ti.theme != World.Theme.FIXER
                    && st.status[t] == MarketState.PUBLIC && !isTouched(t) && st.items[t].length < MAX_ITEMS - 3) {
                target = t;
                break;
            }
        }
        if (target < 0) {
            return false;
        }
        touch(target);
        removeSniped(target);
        int n = Math.min(rng.between(1, 3), st.items[s].length);
        SimItem[] src = st.items[s].clone();
        SimItem[] dst = Arrays.copyOf(st.items[target], st.items[target].length + n);
        int srcLen = src.length;
        for (int k = 0; k < n; k++) {
            int i = rng.nextInt(srcLen);
            dst[st.items[target].length + k] = src[i];
            src[i] = src[srcLen - 1];
            srcLen--;
        }
        st.items[s] = Arrays.copyOf(src, srcLen);
        st.items[target] = dst;
        followMarket(target, 1.0);
        return true;
    }

    // ------------------------------------------------------------------ items

    private double organicFactor() {
        if (rng.chance(0.12)) {
            return rng.uniform(1.3, 2.5);
        }
        return Math.max(0.8, Math.min(1.3, StrictMath.exp(0.1 * rng.gaussian())));
    }

    /** A replacement note when rounding took a fair listing below 0.7 of its fair price. */
    private Note keepAbove(Note note, int league, double fair, NoteStyle style) {
        if (notes.chaosOf(league, note) >= 0.7 * fair) {
            return note;
        }
        return notes.inCurrency(league, notes.chaos, Math.max(fair, 1), style, false);
    }

    /** A new item for a stash, by its theme. */
    private SimItem newItem(int s) {
        World.Stash info = w.stashes[s];
        World.Account acc = w.accounts[info.account];
        NoteStyle style = acc.style;
        int league = info.league;
        SimItem item;
        switch (info.theme) {
            case RARES -> item = rareItem(league, rng.chance(0.85), pricedRare(league, style, true));
            case DUMP -> item = rareItem(league, rng.chance(0.7), rng.chance(0.2) ? pricedRare(league, style, false) : null);
            case TABPRICE -> {
                int key = info.tabKeys[rng.nextInt(info.tabKeys.length)];
                Note note = null;
                if (rng.chance(0.2)) {
                    double fair = w.fair(league, key, page);
                    note = keepAbove(notes.organic(league, fair * organicFactor(), style, rng), league, fair, style);
                }
                item = fungible(key, league, note, stackFor(key), -1);
            }
            default -> {
                if ((info.theme == World.Theme.MIXED || info.theme == World.Theme.UNIQUES) && rng.chance(0.05)) {
                    item = rareItem(league, true, pricedRare(league, style, true));
                } else {
                    int key = w.sampleKey(info.theme, rng);
                    item = fungible(key, league, organicNote(league, key, style), stackFor(key), -1);
                }
            }
        }
        if (item.key >= 0 && (item.note == null ? !Double.isNaN(info.tabChaos) : item.note.fixedPrice())) {
            st.recordListing(league * w.keys.size() + item.key, info.account, page);
        }
        return item;
    }

    private Note organicNote(int league, int key, NoteStyle style) {
        double u = rng.nextDouble();
        if (u < style.unpricedShare) {
            return null;
        }
        u -= style.unpricedShare;
        if (u < style.junkShare) {
            return notes.junk(rng);
        }
        u -= style.junkShare;
        double fair = w.fair(league, key, page);
        if (u < style.offerShare) {
            return notes.offer(league, fair, style);
        }
        KeyDef kd = w.key(key);
        if (kd.kind == Kind.CURRENCY) {
            double f = Math.max(0.95, Math.min(1.05, StrictMath.exp(0.02 * rng.gaussian())));
            return notes.currencyUnit(league, kd.def, fair * f, style);
        }
        return keepAbove(notes.organic(league, fair * organicFactor(), style, rng), league, fair, style);
    }

    private Note pricedRare(int league, NoteStyle style, boolean allowExpensive) {
        double v = allowExpensive ? Math.max(1, Math.min(3000, rng.logNormal(StrictMath.log(6), 1.3)))
                : rng.between(1, 10);
        if (rng.chance(0.05)) {
            return null;
        }
        return notes.organic(league, v, style, rng);
    }

    private int stackFor(int key) {
        KeyDef kd = w.key(key);
        if (kd.kind == Kind.CARD) {
            int max = w.cat.cards.get(kd.def).stack;
            return Math.min(max, 1 + (rng.chance(0.6) ? 0 : rng.nextInt(max)));
        }
        if (kd.kind == Kind.CURRENCY) {
            int max = w.cat.currencies.get(kd.def).maxStack;
            return rng.between(1, max);
        }
        return 1;
    }

    private SimItem fungible(int key, int league, Note note, int stack, long forcedSockets) {
        KeyDef kd = w.key(key);
        long serial = st.nextSerial++;
        byte[] id = itemId(serial);
        int ilvl = 0;
        long sockets = 0;
        boolean corrupted = false;
        boolean markup = false;
        int rarity = 0;
        int nameBits = 0;
        int modMask = 0;
        switch (kd.kind) {
            case UNIQUE -> {
                Catalog.UniqueDef u = w.cat.uniques.get(kd.def);
                ilvl = rng.between(60, 86);
                markup = rng.chance(0.3);
                corrupted = kd.links < 6 && rng.chance(0.04);
                if (forcedSockets >= 0) {
                    sockets = forcedSockets;
                } else if (kd.links == 6) {
                    sockets = Sockets.random(rng, 6, 6, colourBias(kd.def));
                } else if (kd.links == 5) {
                    sockets = Sockets.random(rng, rng.chance(0.7) ? 6 : 5, 5, colourBias(kd.def));
                } else if (u.maxSockets > 0) {
                    int count = u.maxSockets == 6 ? rng.between(3, 6) : rng.between(1, u.maxSockets);
                    sockets = Sockets.random(rng, count, rng.between(1, Math.min(4, count)), colourBias(kd.def));
                }
            }
            case GEM -> corrupted = kd.gem.corrupted;
            case MAP -> {
                ilvl = rng.between(68, 83);
                double r = rng.nextDouble();
                rarity = r < 0.5 ? 0 : r < 0.8 ? 1 : 2;
                nameBits = rng.nextInt(1 << 16);
                modMask = rng.nextInt(1 << 10);
            }
            default -> {
            }
        }
        double price = note == null ? Double.NaN : notes.chaosOf(league, note);
        return new SimItem(serial, id, kd.kind, key, kd.def, ilvl, sockets, stack, rng.nextInt(3),
                rng.chance(w.settings.modObjectShare()), markup, corrupted, true, rarity, nameBits, modMask, note,
                price, false);
    }

    private SimItem rareItem(int league, boolean rare, Note note) {
        long serial = st.nextSerial++;
        int def = rng.nextInt(w.cat.bases.size());
        Catalog.BaseDef bd = w.cat.bases.get(def);
        long sockets = 0;
        if (bd.maxSockets > 0) {
            int count = rng.between(1, bd.maxSockets);
            sockets = Sockets.random(rng, count, rng.between(1, count), rng.nextInt(3));
        }
        int modMask = 0;
        int mods = rare ? rng.between(4, 6) : rng.between(1, 2);
        int pool = w.cat.rareMods.length;
        while (Integer.bitCount(modMask) < mods) {
            modMask |= 1 << rng.nextInt(pool);
        }
        boolean identified = !rare || rng.chance(0.92);
        double price = note == null ? Double.NaN : notes.chaosOf(league, note);
        return new SimItem(serial, itemId(serial), rare ? Kind.RARE : Kind.MAGIC, -1, def, rng.between(60, 86),
                sockets, 1, rng.nextInt(3), rng.chance(w.settings.modObjectShare()), rng.chance(0.3),
                rng.chance(0.08), identified, rare ? 2 : 1, rng.nextInt(1 << 16), modMask, note, price, false);
    }

    private int colourBias(int uniqueDef) {
        Catalog.UniqueDef u = w.cat.uniques.get(uniqueDef);
        if (u.name.equals("Tabula Rasa")) {
            return 3;
        }
        return (int) ((Rng.mix(uniqueDef * 31L + 7) & 0x7FFFFFFF) % 3);
    }

    private byte[] itemId(long serial) {
        long seed = w.seed;
        return JsonOut.hex64(Rng.hash(seed, 0x17E1L, serial), Rng.hash(seed, 0x17E2L, serial),
                Rng.hash(seed, 0x17E3L, serial), Rng.hash(seed, 0x17E4L, serial));
    }

    // ------------------------------------------------------------------ JSON

    private byte[] write() {
        out.reset();
        out.raw(PAGE_START).ascii(ids.of(page + 1)).raw(STASHES);
        for (int i = 0; i < touchedCount; i++) {
            if (i > 0) {
                out.raw(',');
            }
            writeStash(touched[i]);
        }
        out.raw(END);
        return out.toByteArray();
    }

    private void writeStash(int s) {
        World.Stash info = w.stashes[s];
        out.raw(STASH_ID).raw(info.id);
        if (st.status[s] != MarketState.PUBLIC) {
            out.raw(PRIVATE).raw(info.typeJson).raw(PRIVATE_END);
            return;
        }
        World.Account acc = w.accounts[info.account];
        out.raw(PUBLIC).raw(acc.nameJson).raw(CHARACTER).raw(acc.characterJson).raw(STASH_NAME).raw(info.nameJson)
                .raw(STASH_TYPE).raw(info.typeJson).raw(LEAGUE).raw(w.leagueJson[info.league]).raw(ITEMS);
        SimItem[] items = st.items[s];
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.raw(',');
            }
            writer.write(out, items[i], info.league, info.tabNo);
        }
        out.raw(END);
    }
}
