package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each stash entry is the tab's full current content; items vanish, move and come back as in the real river. */
class SnapshotSemanticsTest {
    private static final TestRiver RIVER = TestRiver.of(TestRiver.small(TestRiver.SEED));

    @Test
    void entriesCarryTheFullContentAndItemsLiveInOneTabAtATime() {
        Map<String, TestRiver.Entry> latest = new HashMap<>();
        Map<String, String> stashAccount = new HashMap<>();
        Map<String, String> itemKey = new HashMap<>();
        long carried = 0;
        long previousItems = 0;
        int sold = 0;
        int moved = 0;
        Set<String> gone = new HashSet<>();
        for (List<TestRiver.Entry> page : RIVER.pages) {
            Set<String> inPage = new HashSet<>();
            Map<String, String> appearedIn = new HashMap<>();
            Map<String, String> vanishedFrom = new HashMap<>();
            for (TestRiver.Entry e : page) {
                assertThat(inPage.add(e.stashId)).as("stash twice in one page").isTrue();
                TestRiver.Entry prev = latest.get(e.stashId);
                Set<String> now = new HashSet<>();
                for (TestRiver.TItem it : e.items) {
                    assertThat(now.add(it.id)).isTrue();
                    String k = itemKey.putIfAbsent(it.id, it.key);
                    assertThat(k == null || k.equals(it.key)).as("item %s keeps its key", it.id).isTrue();
                }
                if (e.isPublic) {
                    String owner = stashAccount.putIfAbsent(e.stashId, e.account);
                    assertThat(owner == null || owner.equals(e.account)).isTrue();
                }
                if (prev != null && prev.isPublic) {
                    previousItems += prev.items.size();
                    for (TestRiver.TItem it : prev.items) {
                        if (now.contains(it.id)) {
                            carried++;
                        } else if (e.isPublic) {
                            vanishedFrom.put(it.id, e.stashId);
                        }
                    }
                }
                for (String id : now) {
                    if (prev == null || prev.items.stream().noneMatch(i -> i.id.equals(id))) {
                        appearedIn.put(id, e.stashId);
                    }
                }
                latest.put(e.stashId, e);
            }
            // An item is in at most one tab at every page boundary.
            Map<String, String> holder = new HashMap<>();
            for (TestRiver.Entry e : page) {
                for (TestRiver.TItem it : e.items) {
                    assertThat(holder.put(it.id, e.stashId)).as("item %s in two tabs", it.id).isNull();
                }
            }
            for (Map.Entry<String, String> v : vanishedFrom.entrySet()) {
                String to = appearedIn.get(v.getKey());
                if (to != null) {
                    // Moves stay within one account and league, and both tabs are in the same page.
                    assertThat(stashAccount.get(to)).isEqualTo(stashAccount.get(v.getValue()));
                    assertThat(latest.get(to).league).isEqualTo(latest.get(v.getValue()).league);
                    moved++;
                } else {
                    gone.add(v.getKey());
                }
            }
            for (String id : appearedIn.keySet()) {
                gone.remove(id);
            }
        }
        sold = gone.size();
        assertThat(moved).isGreaterThan(20);
        assertThat(sold).isGreaterThan(500);
        // Mostly the same items again: full snapshots, not diffs.
        assertThat((double) carried / previousItems).isGreaterThan(0.6);
    }

    @Test
    void privateTabsHaveNullsAndComeBackWithTheirItems() {
        Map<String, TestRiver.Entry> lastPublic = new HashMap<>();
        Map<String, Boolean> wasPrivate = new HashMap<>();
        int privates = 0;
        int returned = 0;
        int emptied = 0;
        for (List<TestRiver.Entry> page : RIVER.pages) {
            for (TestRiver.Entry e : page) {
                if (!e.isPublic) {
                    privates++;
                    assertThat(e.nullsWhenPrivate).isTrue();
                    assertThat(e.items).isEmpty();
                    assertThat(e.stashType).isNotNull();
                    wasPrivate.put(e.stashId, true);
                    continue;
                }
                assertThat(e.account).isNotNull();
                assertThat(e.league).isNotNull();
                assertThat(e.stashName).isNotNull();
                if (e.items.isEmpty()) {
                    emptied++;
                }
                TestRiver.Entry before = lastPublic.get(e.stashId);
                if (Boolean.TRUE.equals(wasPrivate.remove(e.stashId)) && before != null && !before.items.isEmpty()) {
                    Set<String> ids = new HashSet<>();
                    e.items.forEach(i -> ids.add(i.id));
                    if (before.items.stream().anyMatch(i -> ids.contains(i.id))) {
                        returned++;
                    }
                }
                lastPublic.put(e.stashId, e);
            }
        }
        assertThat(privates).isGreaterThan(50);
        assertThat(returned).isGreaterThan(5);
        assertThat(emptied).isPositive();
    }

    @Test
    void tabNamesPriceItemsWithoutNotes() {
        int tabPriced = 0;
        for (List<TestRiver.Entry> page : RIVER.pages) {
            for (TestRiver.Entry e : page) {
                if (e.isPublic && e.stashName.startsWith("~")) {
                    for (TestRiver.TItem it : e.items) {
                        if (it.note == null) {
                            assertThat(it.priceChaos).isPositive();
                            tabPriced++;
                        }
                    }
                }
            }
        }
        assertThat(tabPriced).isGreaterThan(200);
    }

    @Test
    void notesComeInTheRealVariety() {
        Set<String> currencies = new HashSet<>();
        boolean fraction = false;
        boolean decimal = false;
        boolean offer = false;
        boolean junk = false;
        boolean bo = false;
        boolean price = false;
        int noNote = 0;
        for (List<TestRiver.Entry> page : RIVER.pages) {
            for (TestRiver.Entry e : page) {
                for (TestRiver.TItem it : e.items) {
                    if (it.note == null) {
                        noNote++;
                        continue;
                    }
                    if (it.currency != null) {
                        currencies.add(it.currency);
                    }
                    fraction |= it.note.matches("~\\S+ \\d+/\\d+ .*");
                    decimal |= it.note.matches("~\\S+ \\d+\\.\\d+ .*");
                    offer |= it.note.startsWith("~c/o ");
                    junk |= Double.isNaN(it.priceChaos) && !it.note.startsWith("~c/o ");
                    bo |= it.note.startsWith("~b/o ");
                    price |= it.note.startsWith("~price ");
                }
            }
        }
        assertThat(currencies).contains("chaos", "divine", "exalted", "alch", "fusing", "alt");
        assertThat(fraction && decimal && offer && junk && bo && price).isTrue();
        assertThat(noNote).isPositive();
    }
}
