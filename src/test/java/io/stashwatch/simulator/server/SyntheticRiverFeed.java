package io.stashwatch.simulator.server;

import io.stashwatch.simulator.RiverFeed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A small deterministic river for tests of the client and the server: pages in the exact shape of
 * the API (next_change_id first, stashes with items), ids shaped like the real ones, and hourly
 * currency digests. Page size is set by stashes per page and items per stash (roughly 330 bytes an
 * item), so a test can ask for pages of a few KB to a few MB.
 */
public final class SyntheticRiverFeed implements RiverFeed {
    private final long pages;
    private final int stashesPerPage;
    private final int itemsPerStash;

    /** @param pages number of pages, -1 for an endless river */
    public SyntheticRiverFeed(long pages, int stashesPerPage, int itemsPerStash) {
        this.pages = pages;
        this.stashesPerPage = stashesPerPage;
        this.itemsPerStash = itemsPerStash;
    }

    @Override
    public long pageCount() {
        return pages;
    }

    @Override
    public String changeId(long k) {
        return (1000 + k) + "-" + (2000 + 2 * k) + "-" + (3000 + 3 * k) + "-" + (4000 + 5 * k) + "-" + (5000 + 7 * k);
    }

    @Override
    public OptionalLong indexOf(String changeId) {
        int dash = changeId.indexOf('-');
        if (dash <= 0) {
            return OptionalLong.empty();
        }
        try {
            long k = Long.parseLong(changeId.substring(0, dash)) - 1000;
            if (k < 0 || (pages >= 0 && k > pages) || !changeId(k).equals(changeId)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(k);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public byte[] pageJson(long index) {
        Random r = new Random(index * 7919 + 17);
        StringBuilder sb = new StringBuilder(stashesPerPage * (itemsPerStash * 340 + 220) + 64);
        sb.append("{\"next_change_id\":\"").append(changeId(index + 1)).append("\",\"stashes\":[");
        for (int s = 0; s < stashesPerPage; s++) {
            if (s > 0) {
                sb.append(',');
            }
            long account = r.nextInt(5000);
            sb.append("{\"id\":\"").append(String.format("%064x", index * 100_000 + s))
                    .append("\",\"public\":true,\"accountName\":\"acct").append(account)
                    .append("\",\"stash\":\"~price ").append(1 + r.nextInt(50)).append(" chaos\"")
                    .append(",\"stashType\":\"PremiumStash\",\"league\":\"Standard\",\"page\":").append(index)
                    .append(",\"items\":[");
            for (int i = 0; i < itemsPerStash; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"verified\":false,\"w\":2,\"h\":2,\"icon\":\"https://web.poecdn.com/item/")
                        .append(r.nextInt(100000)).append(".png\",\"league\":\"Standard\",\"id\":\"")
                        .append(String.format("%064x", (index * 100_000 + s) * 1000 + i))
                        .append("\",\"name\":\"Item ").append(r.nextInt(1000))
                        .append("\",\"typeLine\":\"Glorious Plate\",\"baseType\":\"Glorious Plate\",\"identified\":true,")
                        .append("\"ilvl\":").append(60 + r.nextInt(26)).append(",\"note\":\"~b/o ")
                        .append(1 + r.nextInt(200)).append(" chaos\",\"explicitMods\":[\"+")
                        .append(r.nextInt(100)).append(" to maximum Life\",\"").append(r.nextInt(40))
                        .append("% increased Armour\"],\"frameType\":").append(r.nextInt(4)).append('}');
            }
            sb.append("]}");
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<String> leagues() {
        return List.of("Standard", "Hardcore", "Settlers");
    }

    /** Chaos per divine in an hour's digest (deterministic, varies by hour). */
    public static double divinePrice(long hour) {
        return 150 + Math.floorMod(hour / 3600, 20);
    }

    @Override
    public byte[] currencyExchangeJson(long hour) {
        double div = divinePrice(hour);
        StringBuilder sb = new StringBuilder("{\"next_change_id\":").append(hour + 3600).append(",\"markets\":[");
        boolean first = true;
        for (String league : List.of("Standard", "Settlers")) {
            // chaos|divine: one divine for `div` chaos at the low end, 5% more at the high end.
            first = market(sb, first, league, "chaos", "divine", 12000, 80, div, 1, div * 1.05, 1);
            // exalted|chaos (pair in the other order): one exalted costs 12 chaos.
            first = market(sb, first, league, "exalted", "chaos", 300, 3600, 1, 12, 1, 12.5);
            // divine|mirror: no chaos market; one mirror costs 400 divines.
            first = market(sb, first, league, "divine", "mirror", 1200, 3, 400, 1, 420, 1);
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean market(StringBuilder sb, boolean first, String league, String a, String b, double volA,
            double volB, double lowA, double lowB, double highA, double highB) {
        if (!first) {
            sb.append(',');
        }
        sb.append("{\"league\":\"").append(league).append("\",\"market_id\":\"").append(a).append('|').append(b)
                .append("\",\"market_pair\":[\"").append(a).append("\",\"").append(b).append("\"]")
                .append(",\"volume_traded\":{\"").append(a).append("\":").append(volA).append(",\"").append(b)
                .append("\":").append(volB).append('}')
                .append(",\"lowest_stock\":{\"").append(a).append("\":10,\"").append(b).append("\":1}")
                .append(",\"highest_stock\":{\"").append(a).append("\":5000,\"").append(b).append("\":40}")
                .append(",\"lowest_ratio\":{\"").append(a).append("\":").append(lowA).append(",\"").append(b)
                .append("\":").append(lowB).append('}')
                .append(",\"highest_ratio\":{\"").append(a).append("\":").append(highA).append(",\"").append(b)
                .append("\":").append(highB).append("}}");
        return false;
    }
}
