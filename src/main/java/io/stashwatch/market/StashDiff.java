package io.stashwatch.market;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.Item;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.StashSnapshot;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns consecutive full snapshots of one stash into listing changes. Pure: given the stash's
 * previous {@link StashState} (null for a stash never seen with listings) and its new snapshot, it
 * emits the {@link ListingEvent}s and returns the new state (null when no listing is left; the
 * previous instance itself when nothing about the listings changed).
 *
 * <ul>
 *   <li>An item is priced when its effective note is a fixed price ({@link PriceNoteParser}): its
 *       own note when it has one (it wins, even when it is not a price), else the tab name when the
 *       tab is named like a note ({@code ~price 1 chaos}).</li>
 *   <li>{@link EventKind#LISTED}: a priced item not in the previous state (new, moved in from
 *       another stash, or newly priced).</li>
 *   <li>{@link EventKind#DELISTED}: a listing of the previous state that is gone, lost its price,
 *       or whose stash went private or was emptied. It carries the last known price, the league and
 *       account remembered in the state, and no note.</li>
 *   <li>{@link EventKind#REPRICED}: a listing whose effective price (amount or currency) changed;
 *       also when its item key changed (e.g. the item was re-linked) so consumers move it. It
 *       carries the previous price in the {@code prev*} fields. A change of keyword only
 *       ({@code ~price} to {@code ~b/o}) is not a change of price.</li>
 *   <li>An item id seen twice in one snapshot counts once (its first priced occurrence).</li>
 *   <li>Events come in item id order; their ids are {@link EventIds#eventId deterministic}.
 *       Prices are the note's amount, which is per unit for stacks.</li>
 * </ul>
 *
 * <p>Not thread-safe: it keeps scratch buffers between calls. Use one per operator instance.
 */
public final class StashDiff {

    /** Told about every item whose effective note is not a listing. */
    @FunctionalInterface
    public interface NoteObserver {
        /**
         * @param note the effective note (the item's own, else the tab name); null for
         *     {@link NotListingReason#NO_NOTE}
         */
        void notListing(NotListingReason reason, String note);
    }

    private static final Item[] NO_ITEMS = new Item[0];
    private static final int ID = StashState.ID_BYTES;

    private final NoteObserver observer;

    // scratch of the current snapshot's priced items, in snapshot order
    private byte[] ids = new byte[64 * ID];
    private int[] itemIndex = new int[64];
    private PriceNote[] notes = new PriceNote[64];
    private boolean[] fromTab = new boolean[64];
    private boolean[] hexId = new boolean[64];
    private int[] order = new int[64];
    private String lastTabName;
    private NoteResult lastTabNote;

    /** A diff that reports items that are not listings to {@code observer}. */
    public StashDiff(NoteObserver observer) {
        this.observer = observer == null ? (r, n) -> { } : observer;
    }

    /** A diff that ignores items that are not listings. */
    public StashDiff() {
        this(null);
    }

    /**
     * Compares {@code snapshot} with {@code previous}, emits the changes to {@code out} and returns
     * the stash's new state, or null when it has no listings left.
     */
    public StashState apply(StashState previous, StashSnapshot snapshot, Consumer<? super ListingEvent> out) {
        Item[] items = snapshot.isPublic && snapshot.items != null ? snapshot.items : NO_ITEMS;
        int n = collectPriced(snapshot, items);
        int m = sortAndDedupe(n);

        int pn = previous == null ? 0 : previous.size;
        if (m == 0 && pn == 0) {
            return null;
        }
        byte[] newIds = new byte[m * ID];
        String[] newTextIds = null;
        double[] newAmounts = new double[m];
        byte[] newCurrencies = new byte[m];
        byte[] newFlags = new byte[m];
        byte[] newFrames = new byte[m];
        String[] newKeys = new String[m];

        int p = 0;
        int q = 0;
        int events = 0;
        while (p < pn || q < m) {
            int c;
            if (p == pn) {
                c = 1;
            } else if (q == m) {
                c = -1;
            } else {
                int k = order[q];
                c = Arrays.compareUnsigned(previous.ids, p * ID, p * ID + ID, ids, k * ID, k * ID + ID);
            }
            if (c < 0) {
                out.accept(delisted(previous, p, snapshot));
                events++;
                p++;
                continue;
            }
            int k = order[q];
            Item item = items[itemIndex[k]];
            PriceNote note = notes[k];
            String key = ItemKeys.key(item);
            if (c > 0) {
                out.accept(changed(EventKind.LISTED, snapshot, item, key, note, null));
                events++;
            } else {
                String prevKey = previous.keys[p];
                if (prevKey.equals(key)) {
                    key = prevKey; // share the instance with the state being replaced
                }
                if (note.amount() != previous.amounts[p] || note.currencyId() != previous.currencies[p]
                        || key != prevKey) {
                    out.accept(changed(EventKind.REPRICED, snapshot, item, key, note, previous.note(p)));
                    events++;
                }
                p++;
            }
            System.arraycopy(ids, k * ID, newIds, q * ID, ID);
            if (!hexId[k]) {
                if (newTextIds == null) {
                    newTextIds = new String[m];
                }
                newTextIds[q] = item.id;
            }
            newAmounts[q] = note.amount();
            newCurrencies[q] = note.currencyId();
            newFlags[q] = (byte) ((note.kind() == PriceNote.Kind.BUYOUT ? StashState.FLAG_BUYOUT : 0)
                    | (hexId[k] ? 0 : StashState.FLAG_TEXT_ID) | (fromTab[k] ? StashState.FLAG_TAB_PRICE : 0));
            newFrames[q] = (byte) item.frameType;
            newKeys[q] = key;
            q++;
        }
        if (m == 0) {
            return null;
        }
        String league = snapshot.league != null ? snapshot.league : previous == null ? null : previous.league;
        String account = snapshot.accountName != null ? snapshot.accountName
                : previous == null ? null : previous.accountName;
        StashState next = new StashState(league, account, m, newIds, newTextIds, newAmounts, newCurrencies, newFlags,
                newFrames, newKeys);
        // Unchanged stash (re-sent because of an unpriced item): keep the old instance so callers can skip the write.
        return events == 0 && next.equals(previous) ? previous : next;
    }

    /** The tab name's note when the tab is named like one ({@code ~...}), else "no note". */
    public static NoteResult tabNote(String stashName) {
        if (stashName == null) {
            return NoteResult.rejected(NotListingReason.NO_NOTE);
        }
        int i = 0;
        while (i < stashName.length() && Character.isWhitespace(stashName.charAt(i))) {
            i++;
        }
        if (i == stashName.length() || stashName.charAt(i) != '~') {
            return NoteResult.rejected(NotListingReason.NO_NOTE);
        }
        return PriceNoteParser.parse(stashName);
    }

    /** {@link #tabNote}, remembering the last tab name (the page parser shares repeated names). */
    private NoteResult cachedTabNote(String stashName) {
        if (stashName != lastTabName || lastTabNote == null) {
            lastTabNote = tabNote(stashName);
            lastTabName = stashName;
        }
        return lastTabNote;
    }

    /** Fills the scratch arrays with the priced items in snapshot order; returns how many. */
    private int collectPriced(StashSnapshot snapshot, Item[] items) {
        NoteResult tab = null;
        String lastNote = null;
        NoteResult lastResult = null;
        int n = 0;
        for (int i = 0; i < items.length; i++) {
            Item item = items[i];
            if (item == null || item.id == null) {
                continue;
            }
            String own = item.note;
            NoteResult r;
            boolean tabPriced;
            if (own != null && !own.isBlank()) {
                if (own.equals(lastNote)) {
                    r = lastResult;
                } else {
                    r = PriceNoteParser.parse(own);
                    lastNote = own;
                    lastResult = r;
                }
                tabPriced = false;
            } else {
                if (tab == null) {
                    tab = cachedTabNote(snapshot.stashName);
                }
                r = tab;
                tabPriced = true;
            }
            if (!r.isListing()) {
                NotListingReason reason = r.reason();
                observer.notListing(reason, reason == NotListingReason.NO_NOTE ? null : tabPriced ? snapshot.stashName : own);
                continue;
            }
            ensureCapacity(n + 1);
            hexId[n] = ItemIds.encode(item.id, ids, n * ID);
            itemIndex[n] = i;
            notes[n] = r.note();
            fromTab[n] = tabPriced;
            n++;
        }
        return n;
    }

    /** Sorts {@code order[0, n)} by id and drops repeated ids (keeping the first priced one in snapshot order). */
    private int sortAndDedupe(int n) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        sort(0, n - 1);
        int m = 0;
        for (int i = 0; i < n; i++) {
            int k = order[i];
            if (m > 0 && compare(order[m - 1], k) == 0) {
                if (itemIndex[k] < itemIndex[order[m - 1]]) {
                    order[m - 1] = k;
                }
                continue;
            }
            order[m++] = k;
        }
        return m;
    }

    private int compare(int a, int b) {
        return Arrays.compareUnsigned(ids, a * ID, a * ID + ID, ids, b * ID, b * ID + ID);
    }

    private void sort(int lo, int hi) {
        while (hi - lo >= 16) {
            int mid = (lo + hi) >>> 1;
            if (compare(order[mid], order[lo]) < 0) {
                swap(mid, lo);
            }
            if (compare(order[hi], order[lo]) < 0) {
                swap(hi, lo);
            }
            if (compare(order[hi], order[mid]) < 0) {
                swap(hi, mid);
            }
            int pivot = order[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (compare(order[i], pivot) < 0) {
                    i++;
                }
                while (compare(order[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(i++, j--);
                }
            }
            if (j - lo < hi - i) {
                sort(lo, j);
                lo = i;
            } else {
                sort(i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            int v = order[i];
            int j = i - 1;
            while (j >= lo && compare(order[j], v) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    private void swap(int a, int b) {
        int t = order[a];
        order[a] = order[b];
        order[b] = t;
    }

    private void ensureCapacity(int n) {
        if (n <= itemIndex.length) {
            return;
        }
        int cap = Math.max(n, itemIndex.length * 2);
        ids = Arrays.copyOf(ids, cap * ID);
        itemIndex = Arrays.copyOf(itemIndex, cap);
        notes = Arrays.copyOf(notes, cap);
        fromTab = Arrays.copyOf(fromTab, cap);
        hexId = Arrays.copyOf(hexId, cap);
        order = Arrays.copyOf(order, cap);
    }

    private static ListingEvent changed(EventKind kind, StashSnapshot s, Item item, String key, PriceNote note,
            PriceNote prev) {
        ListingEvent e = pageEvent(kind, s, item.id);
        e.league = s.league;
        e.accountName = s.accountName;
        e.itemKey = key;
        e.name = item.name;
        e.baseType = item.baseType;
        e.frameType = item.frameType;
        e.stackSize = item.stackSize;
        e.note = item.note != null && !item.note.isBlank() ? item.note : s.stashName;
        e.priceAmount = note.amount();
        e.priceCurrency = note.currency();
        if (prev != null) {
            e.prevPriceAmount = prev.amount();
            e.prevPriceCurrency = prev.currency();
        }
        return e;
    }

    private static ListingEvent delisted(StashState prev, int i, StashSnapshot s) {
        ListingEvent e = pageEvent(EventKind.DELISTED, s, prev.itemId(i));
        e.league = prev.league;
        e.accountName = prev.accountName;
        e.itemKey = prev.keys[i];
        e.frameType = prev.frameTypes[i];
        e.priceAmount = prev.amounts[i];
        e.priceCurrency = Currencies.byId(prev.currencies[i]);
        return e;
    }

    private static ListingEvent pageEvent(EventKind kind, StashSnapshot s, String itemId) {
        ListingEvent e = new ListingEvent();
        e.eventId = EventIds.eventId(s.changeId, s.stashId, itemId, kind);
        e.kind = kind;
        e.itemId = itemId;
        e.stashId = s.stashId;
        e.realm = s.realm;
        e.changeId = s.changeId;
        e.seq = s.seq;
        e.riverTime = s.riverTime;
        e.fetchedAt = s.fetchedAt;
        return e;
    }
}
