package io.stashwatch.testutil;

import io.stashwatch.model.EventKind;
import io.stashwatch.model.ListingEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A small deterministic market of listing events for operator tests: fair listings with noise,
 * reprices and delistings, injected steals, traps that only look cheap, a price fixer and one
 * real price shift. Pages are 1 s of river time apart ({@link Listings#time}).
 */
public final class SyntheticMarket {
    public static final String DIVINE = "Divine Orb";
    public static final String KAOM_6L = "Kaom's Heart Glorious Plate 6L";
    public static final String KAOM_1L = "Kaom's Heart Glorious Plate 1L";
    public static final String GRACE_21 = "Vaal Grace gem 21/20 corrupted";
    public static final String GRACE_1 = "Vaal Grace gem 1/0";
    public static final String DOCTOR = "The Doctor card";
    public static final String RARE = "Hubris Circlet (rare)";
    public static final String MAGEBLOOD = "Mageblood Heavy Belt";
    /** Mageblood's price doubles from this page on. */
    public static final int SHIFT_PAGE = 150;

    private static final String[] KEYS = {DIVINE, KAOM_6L, KAOM_1L, GRACE_21, GRACE_1, DOCTOR, RARE, MAGEBLOOD, MAGEBLOOD};
    private static final double[] FAIR = {200, 2000, 40, 300, 2, 800, 0, 5000, 5000};
    private static final int[] FRAME = {5, 3, 3, 4, 4, 6, 2, 3, 3};

    public final List<ListingEvent> events = new ArrayList<>();
    /** Items that must be alerted. */
    public final Set<String> steals = new HashSet<>();
    /** Items that only look cheap. */
    public final Set<String> traps = new HashSet<>();
    public final int pages;

    private final Random rnd;
    private int items;

    private static final class Live {
        String item;
        String account;
        String key;
        int frame;
        double amount;
        String currency;
        int delistAt;
        int repriceAt;
    }

    public SyntheticMarket(long seed, int pages) {
        this.pages = pages;
        this.rnd = new Random(seed);
        List<Live> live = new ArrayList<>();
        List<String> fixerItems = new ArrayList<>();
        for (int page = 0; page < pages; page++) {
            // Delistings and reprices of earlier listings.
            for (Live l : new ArrayList<>(live)) {
                if (l.delistAt == page) {
                    events.add(event(EventKind.DELISTED, page, l));
                    live.remove(l);
                } else if (l.repriceAt == page) {
                    double prev = l.amount;
                    l.amount = round(l.amount * (0.96 + 0.08 * rnd.nextDouble()));
                    ListingEvent e = event(EventKind.REPRICED, page, l);
                    e.prevPriceAmount = prev;
                    e.prevPriceCurrency = l.currency;
                    events.add(e);
                }
            }
            // New fair listings.
            for (int n = 0; n < 7; n++) {
                int k = rnd.nextInt(KEYS.length);
                Live l = fair(page, k);
                live.add(l);
                events.add(event(EventKind.LISTED, page, l));
            }
            if (page > 40 && page % 20 == 0 && page != 160) {
                // A steal on a key with a reference, by a fresh account.
                int k = new int[] {1, 3, 5, 7}[(page / 20) % 4];
                if (k == 7 && page >= SHIFT_PAGE - 40) {
                    k = 1;
                }
                Live l = fair(page, k);
                l.account = "lucky" + page;
                l.amount = round(fairAt(k, page) * 0.3);
                l.currency = "chaos";
                live.add(l);
                events.add(event(EventKind.LISTED, page, l));
                steals.add(l.item);
            }
            if (page > 40 && page % 10 == 5) {
                traps.add(trap(page, live));
            }
            if (page == 50) {
                // A price fixer: twelve fake cheap Graces, repriced every 5 pages, never sold.
                for (int i = 0; i < 12; i++) {
                    Live l = new Live();
                    l.item = "fixer-" + i;
                    l.account = "fixer";
                    l.key = GRACE_21;
                    l.frame = 4;
                    l.amount = 100 + i;
                    l.currency = "chaos";
                    l.delistAt = -1;
                    l.repriceAt = -1;
                    fixerItems.add(l.item);
                    live.add(l);
                    events.add(event(EventKind.LISTED, page, l));
                }
            } else if (page > 50 && page % 5 == 0) {
                for (Live l : live) {
                    if (l.account.equals("fixer")) {
                        double prev = l.amount;
                        l.amount = 90 + rnd.nextInt(20);
                        ListingEvent e = event(EventKind.REPRICED, page, l);
                        e.prevPriceAmount = prev;
                        e.prevPriceCurrency = "chaos";
                        events.add(e);
                    }
                }
            }
        }
    }

    private double fairAt(int k, int page) {
        return KEYS[k].equals(MAGEBLOOD) && page >= SHIFT_PAGE ? FAIR[k] * 2 : FAIR[k];
    }

    private Live fair(int page, int k) {
        Live l = new Live();
        l.item = "item-" + items++;
        l.account = "acct" + rnd.nextInt(40);
        l.key = KEYS[k];
        l.frame = FRAME[k];
        if (FRAME[k] == 2) {
            l.amount = 5 + rnd.nextInt(500);
            l.currency = "chaos";
        } else {
            double chaos = fairAt(k, page) * (0.92 + 0.16 * rnd.nextDouble());
            if (chaos >= 1000 && rnd.nextBoolean() && !KEYS[k].equals(DIVINE)) {
                l.amount = round(chaos / 200);
                l.currency = "divine";
            } else {
                l.amount = round(chaos);
                l.currency = "chaos";
            }
        }
        l.delistAt = page + 10 + rnd.nextInt(40);
        l.repriceAt = rnd.nextInt(3) == 0 ? page + 1 + rnd.nextInt(8) : -1;
        return l;
    }

    /** A fair listing that only looks cheap. */
    private String trap(int page, List<Live> live) {
        Live l = new Live();
        l.item = "trap-" + page;
        l.account = "trapper" + page;
        l.delistAt = page + 20;
        l.repriceAt = -1;
        switch ((page / 10) % 5) {
            case 0: // a 6-link priced in divines: 10 looks cheap as chaos
                l.key = KAOM_6L;
                l.frame = 3;
                l.amount = 10;
                l.currency = "divine";
                break;
            case 1: // a 1-link of a unique whose 6-link is expensive
                l.key = KAOM_1L;
                l.frame = 3;
                l.amount = 38;
                l.currency = "chaos";
                break;
            case 2: // a level-1 copy of a gem whose 21/20 is expensive
                l.key = GRACE_1;
                l.frame = 4;
                l.amount = 2;
                l.currency = "chaos";
                break;
            case 3: // a stack of cards priced per card
                l.key = DOCTOR;
                l.frame = 6;
                l.amount = 4;
                l.currency = "divine";
                break;
            default: // a rare for next to nothing
                l.key = RARE;
                l.frame = 2;
                l.amount = 1;
                l.currency = "chaos";
                break;
        }
        live.add(l);
        ListingEvent e = event(EventKind.LISTED, page, l);
        if (l.key.equals(DOCTOR)) {
            e.stackSize = 8;
        }
        events.add(e);
        return l.item;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static ListingEvent event(EventKind kind, int page, Live l) {
        ListingEvent e = Listings.event(kind, page, l.item, l.account, l.key, l.amount, l.currency, l.frame);
        if (l.frame == 6) {
            e.stackSize = 1;
        }
        return e;
    }
}
