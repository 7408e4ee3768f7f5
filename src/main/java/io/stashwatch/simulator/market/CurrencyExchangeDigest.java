package io.stashwatch.simulator.market;

import java.util.ArrayList;
import java.util.List;

/**
 * Hourly Currency Exchange digests of the simulated market, in the shape of
 * {@code /currency-exchange/<hour>}: per league and currency pair the traded volumes, stocks and
 * the lowest and highest exchange ratios of the hour. Ratios bracket the market's rates (their
 * geometric mean is the rate) and volumes trade at the rate, so a consumer reading either gets the
 * rates the river's notes use. Rates stay constant over hours; volumes and the spread vary per hour.
 * Deterministic per (seed, hour relative to the origin hour).
 */
final class CurrencyExchangeDigest {
    /** Private leagues that appear in the digest but not in the river (consumers must filter). */
    private static final String[] PRIVATE_LEAGUES = {"Settlers (PL51234)", "Ruthless Settlers (PL60077)"};

    private final World w;
    private final long originHour;
    private final List<Integer> cx = new ArrayList<>();
    private final int chaos;
    private final int divine;

    CurrencyExchangeDigest(World w, long originHour) {
        this.w = w;
        this.originHour = originHour;
        for (int c = 0; c < w.cat.currencies.size(); c++) {
            if (w.cat.currencies.get(c).cxId != null) {
                cx.add(c);
            }
        }
        chaos = w.cat.currencyIndex("chaos");
        divine = w.cat.currencyIndex("divine");
    }

    byte[] json(long unixHour) {
        if (unixHour % 3600 != 0) {
            throw new IllegalArgumentException("hour must be a multiple of 3600, was " + unixHour);
        }
        long rel = Math.floorDiv(unixHour - originHour, 3600);
        JsonOut out = new JsonOut(64 * 1024);
        out.ascii("{\"next_change_id\":").num(unixHour + 3600).ascii(",\"markets\":[");
        boolean first = true;
        double total = 0;
        for (double x : w.settings.leagueWeights()) {
            total += x;
        }
        for (int l = 0; l < w.leagues.length; l++) {
            double share = w.settings.leagueWeights().get(l) / total;
            for (int c : cx) {
                if (c == chaos) {
                    continue;
                }
                first = market(out, first, rel, l, w.leagueJson[l], c, chaos, share, w.rates[l]);
                if (c != divine) {
                    first = market(out, first, rel, l, w.leagueJson[l], c, divine, share * 0.3, w.rates[l]);
                }
            }
        }
        for (int p = 0; p < PRIVATE_LEAGUES.length; p++) {
            byte[] name = JsonOut.quote(PRIVATE_LEAGUES[p]);
            double[] rates = w.rates[0];
            first = market(out, first, rel, 100 + p, name, divine, chaos, 0.002, rates);
            first = market(out, first, rel, 100 + p, name, cx.get(2), chaos, 0.002, rates);
        }
        out.ascii("]}");
        return out.toByteArray();
    }

    private boolean market(JsonOut out, boolean first, long rel, int leagueSalt, byte[] leagueJson, int x, int y,
            double share, double[] rates) {
        String a = w.cat.currencies.get(x).cxId;
        String b = w.cat.currencies.get(y).cxId;
        int ia = x;
        int ib = y;
        if (a.compareTo(b) > 0) {
            String t = a;
            a = b;
            b = t;
            ia = y;
            ib = x;
        }
        // Value of one a in b.
        double price = rates[ia] / rates[ib];
        long h = Rng.hash(w.seed, rel, leagueSalt * 1000L + ia * 37L + ib);
        double spread = 1.005 + 0.03 * Rng.unit(h);
        // Volume: chaos value traded this hour, shared by league, then in units of each side.
        double chaosValue = 2e6 * share * (0.5 + Rng.unit(Rng.mix(h + 1))) * (rates[ia] > 50 ? 1.0 : 0.1);
        long va = Math.max(1, Math.round(chaosValue / rates[ia]));
        long vb = Math.max(1, Math.round(va * price));
        if (!first) {
            out.raw(',');
        }
        out.ascii("{\"league\":").raw(leagueJson).ascii(",\"market_id\":\"").ascii(a).raw('|').ascii(b)
                .ascii("\",\"market_pair\":[\"").ascii(a).ascii("\",\"").ascii(b).ascii("\"]");
        out.ascii(",\"volume_traded\":");
        pair(out, a, va, b, vb);
        long stockA = Math.max(1, va / (3 + Math.floorMod(Rng.mix(h + 2), 5)));
        out.ascii(",\"lowest_stock\":");
        pair(out, a, Math.max(1, stockA / 4), b, Math.max(1, Math.round(stockA / 4.0 * price)));
        out.ascii(",\"highest_stock\":");
        pair(out, a, stockA, b, Math.max(1, Math.round(stockA * price)));
        out.ascii(",\"lowest_ratio\":");
        ratio(out, a, b, price / spread);
        out.ascii(",\"highest_ratio\":");
        ratio(out, a, b, price * spread);
        out.raw('}');
        return false;
    }

    private static void pair(JsonOut out, String a, long va, String b, long vb) {
        out.ascii("{\"").ascii(a).ascii("\":").num(va).ascii(",\"").ascii(b).ascii("\":").num(vb).raw('}');
    }

    /** Integer amounts {a: x, b: y} with y / x = price, precise to about 0.1 %. */
    private static void ratio(JsonOut out, String a, String b, double price) {
        long x;
        long y;
        if (price >= 1) {
            x = 10;
            y = Math.round(price * x);
            if (y < 1000) {
                x = 1000;
                y = Math.round(price * x);
            }
        } else {
            y = 1000;
            x = Math.max(1, Math.round(y / price));
        }
        pair(out, a, x, b, y);
    }
}
