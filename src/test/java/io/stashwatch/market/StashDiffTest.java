package io.stashwatch.market;

import static io.stashwatch.testing.Items.card;
import static io.stashwatch.testing.Items.currency;
import static io.stashwatch.testing.Items.id;
import static io.stashwatch.testing.Items.priced;
import static io.stashwatch.testing.Items.unique;
import static io.stashwatch.testing.Snapshots.privateStash;
import static io.stashwatch.testing.Snapshots.stash;
import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.Item;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.StashSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StashDiffTest {

    private static final String S1 = "stash-one";
    private static final String S2 = "stash-two";

    private final Map<NotListingReason, Integer> reasons = new EnumMap<>(NotListingReason.class);
    private final List<String> notes = new ArrayList<>();
    private StashDiff diff;
    private List<ListingEvent> events;

    @BeforeEach
    void setUp() {
        diff = new StashDiff((r, note) -> {
            reasons.merge(r, 1, Integer::sum);
            notes.add(note);
        });
        events = new ArrayList<>();
    }

    private StashState apply(StashState prev, StashSnapshot snap) {
        events.clear();
        return diff.apply(prev, snap, events::add);
    }

    private static Item kaom(int n, String note) {
        return priced(unique("Kaom's Heart", "Glorious Plate", 6), id(n), note);
    }

    private static Item doctor(int n, String note) {
        return priced(card("The Doctor", 1), id(n), note);
    }

    private ListingEvent only(EventKind kind) {
        assertThat(events).hasSize(1);
        assertThat(events.get(0).kind).isEqualTo(kind);
        return events.get(0);
    }

    @Test
    void newPricedItemsAreListed() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 900 chaos"),
                doctor(3, null)));
        assertThat(events).extracting(e -> e.kind).containsOnly(EventKind.LISTED);
        assertThat(events).extracting(e -> e.itemId).containsExactlyInAnyOrder(id(1), id(2));
        ListingEvent kaom = events.stream().filter(e -> e.itemId.equals(id(1))).findFirst().orElseThrow();
        assertThat(kaom.itemKey).isEqualTo("Kaom's Heart Glorious Plate 6L");
        assertThat(kaom.priceAmount).isEqualTo(3);
        assertThat(kaom.priceCurrency).isEqualTo("divine");
        assertThat(kaom.note).isEqualTo("~b/o 3 div");
        assertThat(kaom.name).isEqualTo("Kaom's Heart");
        assertThat(kaom.baseType).isEqualTo("Glorious Plate");
        assertThat(kaom.frameType).isEqualTo(3);
        assertThat(kaom.league).isEqualTo("Standard");
        assertThat(kaom.accountName).isEqualTo("acc");
        assertThat(kaom.stashId).isEqualTo(S1);
        assertThat(kaom.realm).isEqualTo("pc");
        assertThat(kaom.changeId).isEqualTo("c1");
        assertThat(kaom.riverTime).isEqualTo(stash(S1, "c1", null).riverTime);
        assertThat(kaom.seq).isEqualTo(stash(S1, "c1", null).seq);
        assertThat(kaom.fetchedAt).isEqualTo(42);
        assertThat(kaom.priceChaos).isNaN();
        assertThat(kaom.prevPriceAmount).isNaN();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.league()).isEqualTo("Standard");
        assertThat(reasons).containsExactly(Map.entry(NotListingReason.NO_NOTE, 1));
    }

    @Test
    void anUnchangedStashGivesNoEventsAndKeepsItsState() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, null)));
        StashState t = apply(s, stash(S1, "c2", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "just looking")));
        assertThat(events).isEmpty();
        assertThat(t).isSameAs(s);
    }

    @Test
    void removedItemsAreDelistedWithTheirLastPrice() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 900 chaos")));
        StashState t = apply(s, stash(S1, "c2", "Dump", doctor(2, "~price 900 chaos")));
        ListingEvent e = only(EventKind.DELISTED);
        assertThat(e.itemId).isEqualTo(id(1));
        assertThat(e.itemKey).isEqualTo("Kaom's Heart Glorious Plate 6L");
        assertThat(e.priceAmount).isEqualTo(3);
        assertThat(e.priceCurrency).isEqualTo("divine");
        assertThat(e.league).isEqualTo("Standard");
        assertThat(e.accountName).isEqualTo("acc");
        assertThat(e.changeId).isEqualTo("c2");
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void itemsThatLoseTheirPriceAreDelisted() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 900 chaos"),
                doctor(3, "~price 900 chaos")));
        StashState t = apply(s, stash(S1, "c2", "Dump", kaom(1, null), doctor(2, "~c/o 900 chaos"),
                doctor(3, "~price 900 chaos")));
        assertThat(events).extracting(e -> e.kind).containsOnly(EventKind.DELISTED);
        assertThat(events).extracting(e -> e.itemId).containsExactlyInAnyOrder(id(1), id(2));
        assertThat(t.size()).isEqualTo(1);
        assertThat(reasons).containsEntry(NotListingReason.CURRENT_OFFER, 1).containsEntry(NotListingReason.NO_NOTE, 1);
        assertThat(notes).containsExactlyInAnyOrder(null, "~c/o 900 chaos");
    }

    @Test
    void aStashGonePrivateDelistsEverythingWithTheRememberedLeagueAndAccount() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 900 chaos")));
        StashState t = apply(s, privateStash(S1, "c2"));
        assertThat(t).isNull();
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.kind).isEqualTo(EventKind.DELISTED);
            assertThat(e.league).isEqualTo("Standard");
            assertThat(e.accountName).isEqualTo("acc");
            assertThat(e.stashId).isEqualTo(S1);
        });
    }

    @Test
    void aPrivateStashThatStillListsItsItemsDelistsThemToo() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div")));
        StashSnapshot hidden = stash(S1, "c2", "Dump", kaom(1, "~b/o 3 div"));
        hidden.isPublic = false;
        assertThat(apply(s, hidden)).isNull();
        only(EventKind.DELISTED);
    }

    @Test
    void anEmptiedStashDelistsEverything() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 900 chaos")));
        assertThat(apply(s, stash(S1, "c2", "Dump"))).isNull();
        assertThat(events).hasSize(2).extracting(e -> e.kind).containsOnly(EventKind.DELISTED);
        // and a stash never priced gives nothing
        assertThat(apply(null, privateStash(S2, "c3"))).isNull();
        assertThat(events).isEmpty();
    }

    @Test
    void aChangedAmountOrCurrencyIsARepricing() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 900 chaos")));
        StashState t = apply(s, stash(S1, "c2", "Dump", kaom(1, "~b/o 5/2 div"), doctor(2, "~price 900 chaos")));
        ListingEvent e = only(EventKind.REPRICED);
        assertThat(e.itemId).isEqualTo(id(1));
        assertThat(e.priceAmount).isEqualTo(2.5);
        assertThat(e.priceCurrency).isEqualTo("divine");
        assertThat(e.prevPriceAmount).isEqualTo(3);
        assertThat(e.prevPriceCurrency).isEqualTo("divine");
        assertThat(e.note).isEqualTo("~b/o 5/2 div");

        apply(t, stash(S1, "c3", "Dump", kaom(1, "~b/o 2.5 exalted"), doctor(2, "~price 900 chaos")));
        e = only(EventKind.REPRICED);
        assertThat(e.priceCurrency).isEqualTo("exalted");
        assertThat(e.prevPriceCurrency).isEqualTo("divine");
    }

    @Test
    void theSamePriceInOtherWordsIsNoChange() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div")));
        apply(s, stash(S1, "c2", "Dump", kaom(1, "~price 6/2 divine")));
        assertThat(events).isEmpty();
    }

    @Test
    void aChangedItemKeyIsReportedAsARepricingAtTheSamePrice() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div")));
        Item relinked = kaom(1, "~b/o 3 div");
        relinked.links = 4;
        StashState t = apply(s, stash(S1, "c2", "Dump", relinked));
        ListingEvent e = only(EventKind.REPRICED);
        assertThat(e.itemKey).isEqualTo("Kaom's Heart Glorious Plate");
        assertThat(e.priceAmount).isEqualTo(e.prevPriceAmount);
        assertThat(t.itemKey(0)).isEqualTo("Kaom's Heart Glorious Plate");
    }

    @Test
    void theTabNamePricesItemsWithoutANoteAndAnItemsOwnNoteWins() {
        StashState s = apply(null, stash(S1, "c1", "~price 1 chaos", doctor(1, null), doctor(2, "~b/o 5 chaos"),
                doctor(3, "~c/o 2 chaos"), doctor(4, "  ")));
        assertThat(events).extracting(e -> e.itemId + "=" + e.priceAmount + " " + e.note)
                .containsExactlyInAnyOrder(id(1) + "=1.0 ~price 1 chaos", id(2) + "=5.0 ~b/o 5 chaos",
                        id(4) + "=1.0 ~price 1 chaos");
        assertThat(reasons).containsExactly(Map.entry(NotListingReason.CURRENT_OFFER, 1));
        assertThat(s.flags(s.indexOf(id(1))) & StashState.FLAG_TAB_PRICE).isNotZero();
        assertThat(s.flags(s.indexOf(id(2))) & StashState.FLAG_TAB_PRICE).isZero();

        // renaming the tab reprices the items it prices, not the ones with their own note
        StashState t = apply(s, stash(S1, "c2", "~price 2 chaos", doctor(1, null), doctor(2, "~b/o 5 chaos"),
                doctor(3, "~c/o 2 chaos"), doctor(4, "  ")));
        assertThat(events).extracting(e -> e.kind + " " + e.itemId)
                .containsExactlyInAnyOrder("REPRICED " + id(1), "REPRICED " + id(4));

        // a tab name that is not a price unprices them
        apply(t, stash(S1, "c3", "Dump", doctor(1, null), doctor(2, "~b/o 5 chaos"), doctor(3, "~c/o 2 chaos"),
                doctor(4, null)));
        assertThat(events).extracting(e -> e.kind + " " + e.itemId)
                .containsExactlyInAnyOrder("DELISTED " + id(1), "DELISTED " + id(4));
    }

    @Test
    void aTabNamedLikeABadNoteCountsItsReason() {
        apply(null, stash(S1, "c1", "~price 1 doubloon", doctor(1, null), doctor(2, null)));
        assertThat(events).isEmpty();
        assertThat(reasons).containsExactly(Map.entry(NotListingReason.UNKNOWN_CURRENCY, 2));
        assertThat(notes).containsExactly("~price 1 doubloon", "~price 1 doubloon");
    }

    @Test
    void anItemMovedBetweenStashesIsDelistedInOneAndListedInTheOther() {
        StashState a = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 900 chaos")));
        StashState b = apply(null, stash(S2, "c1", "Dump", doctor(3, "~price 900 chaos")));

        a = apply(a, stash(S1, "c2", "Dump", doctor(2, "~price 900 chaos")));
        ListingEvent out = only(EventKind.DELISTED);
        b = apply(b, stash(S2, "c2", "Dump", doctor(3, "~price 900 chaos"), kaom(1, "~b/o 3 div")));
        ListingEvent in = only(EventKind.LISTED);

        assertThat(out.itemId).isEqualTo(id(1)).isEqualTo(in.itemId);
        assertThat(out.stashId).isEqualTo(S1);
        assertThat(in.stashId).isEqualTo(S2);
        assertThat(out.eventId).isNotEqualTo(in.eventId);
        assertThat(a.indexOf(id(1))).isNegative();
        assertThat(b.indexOf(id(1))).isNotNegative();
    }

    @Test
    void aDuplicateItemIdCountsOnceWithItsFirstOccurrence() {
        StashState s = apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 9 chaos"),
                kaom(1, "~b/o 7 div")));
        assertThat(events).hasSize(2);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.amount(s.indexOf(id(1)))).isEqualTo(3);
        apply(s, stash(S1, "c2", "Dump", kaom(1, "~b/o 3 div"), doctor(2, "~price 9 chaos"), kaom(1, "~b/o 3 div")));
        assertThat(events).isEmpty();
    }

    @Test
    void eventIdsAreTheHashOfChangeStashItemAndKind() throws Exception {
        apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div")));
        String first = only(EventKind.LISTED).eventId;
        apply(null, stash(S1, "c1", "Dump", kaom(1, "~b/o 3 div")));
        assertThat(only(EventKind.LISTED).eventId).isEqualTo(first);

        byte[] sha = MessageDigest.getInstance("SHA-256")
                .digest(("c1|" + S1 + "|" + id(1) + "|listed").getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            hex.append(String.format("%02x", sha[i]));
        }
        assertThat(first).isEqualTo(hex.toString()).hasSize(32);

        apply(null, stash(S1, "c2", "Dump", kaom(1, "~b/o 3 div")));
        assertThat(only(EventKind.LISTED).eventId).isNotEqualTo(first);
    }

    @Test
    void stackPricesArePerUnit() {
        Item divines = priced(currency("Divine Orb", 10), id(1), "~price 150 chaos");
        StashState s = apply(null, stash(S1, "c1", "Dump", divines));
        ListingEvent e = only(EventKind.LISTED);
        assertThat(e.itemKey).isEqualTo("Divine Orb");
        assertThat(e.stackSize).isEqualTo(10);
        assertThat(e.priceAmount).isEqualTo(150);
        // part of the stack sold: same id, same unit price, nothing to report
        Item fewer = priced(currency("Divine Orb", 4), id(1), "~price 150 chaos");
        apply(s, stash(S1, "c2", "Dump", fewer));
        assertThat(events).isEmpty();
    }

    @Test
    void idsThatAreNotHexAreKeptAsText() {
        Item odd = kaom(0, "~b/o 3 div");
        odd.id = "legacy-item-7";
        Item upper = kaom(0, "~b/o 3 div");
        upper.id = id(5).toUpperCase();
        StashState s = apply(null, stash(S1, "c1", "Dump", odd, upper, kaom(2, "~b/o 1 div")));
        assertThat(events).extracting(e -> e.itemId).containsExactlyInAnyOrder("legacy-item-7", id(5).toUpperCase(),
                id(2));
        assertThat(s.indexOf("legacy-item-7")).isNotNegative();
        apply(s, stash(S1, "c2", "Dump", kaom(2, "~b/o 1 div")));
        assertThat(events).extracting(e -> e.itemId).containsExactlyInAnyOrder("legacy-item-7", id(5).toUpperCase());
    }

    /** Many items in random order against a plain map model of the same rules. */
    @Test
    void largeStashesAgreeWithASimpleModel() {
        Random rnd = new Random(7);
        StashState state = null;
        Map<String, String> model = new HashMap<>(); // id -> "amount currency"
        String[] notes = {"~price 1 chaos", "~b/o 2 chaos", "~price 1/2 divine", "~b/o 3 exa", null, "~c/o 1 chaos",
            "hello"};
        for (int round = 0; round < 30; round++) {
            List<Item> items = new ArrayList<>();
            int n = rnd.nextInt(400);
            for (int i = 0; i < n; i++) {
                items.add(doctor(rnd.nextInt(500), notes[rnd.nextInt(notes.length)]));
            }
            Collections.shuffle(items, rnd);
            // the model: the first priced occurrence of an id in snapshot order counts
            Map<String, String> next = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (Item it : items) {
                NoteResult r = PriceNoteParser.parse(it.note);
                if (r.isListing() && seen.add(it.id)) {
                    next.put(it.id, r.note().amount() + " " + r.note().currency());
                }
            }
            state = apply(state, stash(S1, "c" + round, "Dump", items.toArray(new Item[0])));

            Map<String, EventKind> expected = new HashMap<>();
            for (var e : next.entrySet()) {
                String before = model.get(e.getKey());
                if (before == null) {
                    expected.put(e.getKey(), EventKind.LISTED);
                } else if (!before.equals(e.getValue())) {
                    expected.put(e.getKey(), EventKind.REPRICED);
                }
            }
            for (String id : model.keySet()) {
                if (!next.containsKey(id)) {
                    expected.put(id, EventKind.DELISTED);
                }
            }
            Map<String, EventKind> actual = new HashMap<>();
            for (ListingEvent e : events) {
                assertThat(actual.put(e.itemId, e.kind)).as("one event per item").isNull();
            }
            assertThat(actual).as("round " + round).isEqualTo(expected);
            assertThat(state == null ? 0 : state.size()).isEqualTo(next.size());
            for (int i = 1; state != null && i < state.size(); i++) {
                assertThat(state.itemId(i - 1).compareTo(state.itemId(i))).isNegative();
            }
            model = next;
        }
    }
}
