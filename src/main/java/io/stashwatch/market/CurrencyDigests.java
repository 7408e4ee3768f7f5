package io.stashwatch.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a Currency Exchange digest ({@code GET /currency-exchange/<realm>/<hour>}) into chaos rates
 * per league.
 *
 * <p>A market entry has {@code league}, {@code market_id} {@code "a|b"}, {@code market_pair},
 * {@code volume_traded} and {@code lowest_ratio}/{@code highest_ratio}, dicts keyed by the two
 * currencies holding the amounts exchanged: one {@code a} costs {@code ratio[b] / ratio[a]} of
 * {@code b}. The hour's price of {@code a} in {@code b} is the volume-weighted one,
 * {@code volume[b] / volume[a]}, when both volumes are known, else the geometric mean of the lowest
 * and highest ratio. Currencies traded against chaos get that price; others are chained through
 * a currency that has one (e.g. via divine), preferring the market with the larger volume.
 */
public final class CurrencyDigests {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CurrencyDigests() {
    }

    /**
     * Rates of the digest of the hour starting at {@code hourSeconds}, sorted by league and currency.
     *
     * @param leagues leagues to keep; empty or null keeps all
     * @throws IOException when the body is not JSON
     */
    public static List<RateUpdate> toRates(byte[] body, long hourSeconds, Collection<String> leagues) throws IOException {
        JsonNode root = MAPPER.readTree(body);
        JsonNode markets = root == null ? null : root.get("markets");
        List<RateUpdate> out = new ArrayList<>();
        if (markets == null || !markets.isArray()) {
            return out;
        }
        Map<String, List<Pair>> byLeague = new TreeMap<>();
        for (JsonNode m : markets) {
            String league = text(m.get("league"));
            if (league == null || leagues != null && !leagues.isEmpty() && !leagues.contains(league)) {
                continue;
            }
            Pair p = pair(m);
            if (p != null) {
                byLeague.computeIfAbsent(league, l -> new ArrayList<>()).add(p);
            }
        }
        long hourMillis = hourSeconds * 1000L;
        for (Map.Entry<String, List<Pair>> e : byLeague.entrySet()) {
            Map<String, double[]> rates = chain(e.getValue());
            for (Map.Entry<String, double[]> r : rates.entrySet()) {
                if (!r.getKey().equals("chaos")) {
                    out.add(RateUpdate.cx(e.getKey(), r.getKey(), r.getValue()[0], hourMillis, r.getValue()[1]));
                }
            }
        }
        return out;
    }

    /** One market: one {@code a} costs {@code price} of {@code b}. */
    private static final class Pair {
        String a;
        String b;
        double price;
        double volumeA = Double.NaN;
        double volumeB = Double.NaN;
    }

    private static Pair pair(JsonNode m) {
        String a = null;
        String b = null;
        JsonNode mp = m.get("market_pair");
        if (mp != null && mp.isArray() && mp.size() == 2) {
            a = text(mp.get(0));
            b = text(mp.get(1));
        } else {
            String id = text(m.get("market_id"));
            if (id != null && id.indexOf('|') > 0) {
                a = id.substring(0, id.indexOf('|'));
                b = id.substring(id.indexOf('|') + 1);
            }
        }
        if (a == null || b == null || a.equals(b)) {
            return null;
        }
        Pair p = new Pair();
        p.a = a;
        p.b = b;
        JsonNode vol = m.get("volume_traded");
        if (vol != null && vol.isObject()) {
            p.volumeA = number(vol.get(a));
            p.volumeB = number(vol.get(b));
        } else if (vol != null && vol.isNumber()) {
            p.volumeA = vol.asDouble();
        }
        double price = Double.NaN;
        if (p.volumeA > 0 && p.volumeB > 0) {
            price = p.volumeB / p.volumeA;
        } else {
            double lo = ratioPrice(m.get("lowest_ratio"), a, b);
            double hi = ratioPrice(m.get("highest_ratio"), a, b);
            if (lo > 0 && hi > 0) {
                price = Math.sqrt(lo * hi);
            } else if (lo > 0) {
                price = lo;
            } else if (hi > 0) {
                price = hi;
            }
        }
        if (!(price > 0) || Double.isInfinite(price)) {
            return null;
        }
        p.price = price;
        return p;
    }

    private static double ratioPrice(JsonNode ratio, String a, String b) {
        if (ratio == null || !ratio.isObject()) {
            return Double.NaN;
        }
        double ra = number(ratio.get(a));
        double rb = number(ratio.get(b));
        return ra > 0 && rb > 0 ? rb / ra : Double.NaN;
    }

    /** Chaos rate and volume per currency: direct chaos markets first, then chained ones. */
    private static Map<String, double[]> chain(List<Pair> pairs) {
        Map<String, double[]> rates = new TreeMap<>();
        rates.put("chaos", new double[] {1.0, Double.NaN});
        boolean added = true;
        while (added) {
            added = false;
            Map<String, double[]> best = new TreeMap<>();
            for (Pair p : pairs) {
                double[] ra = rates.get(p.a);
                double[] rb = rates.get(p.b);
                if (ra == null && rb != null) {
                    consider(best, p.a, p.price * rb[0], weight(p, p.a), volumeOf(p, p.a));
                } else if (rb == null && ra != null) {
                    consider(best, p.b, ra[0] / p.price, weight(p, p.b), volumeOf(p, p.b));
                }
            }
            for (Map.Entry<String, double[]> e : best.entrySet()) {
                rates.put(e.getKey(), new double[] {e.getValue()[0], e.getValue()[2]});
                added = true;
            }
        }
        return rates;
    }

    private static void consider(Map<String, double[]> best, String currency, double rate, double weight, double volume) {
        double[] cur = best.get(currency);
        if (cur == null || weight > cur[1]) {
            best.put(currency, new double[] {rate, weight, volume});
        }
    }

    private static double weight(Pair p, String currency) {
        double v = volumeOf(p, currency);
        return Double.isNaN(v) ? 0 : v;
    }

    private static double volumeOf(Pair p, String currency) {
        return currency.equals(p.a) ? p.volumeA : p.volumeB;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
