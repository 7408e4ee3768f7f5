package io.stashwatch.poe.cx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Chaos-per-unit prices per league and currency, derived from a Currency Exchange digest: directly
 * from a market against chaos, else through one intermediate currency that has a direct chaos price
 * (the intermediate with the most volume of the currency wins). Currencies with neither are absent.
 */
public final class ChaosRates {
    public static final String CHAOS = "chaos";

    /** A derived price: one {@code currency} costs {@code chaosPerUnit} chaos; {@code via} is the route. */
    public record Rate(String league, String currency, double chaosPerUnit, String via) {
    }

    private final Map<String, Map<String, Rate>> byLeague;

    private ChaosRates(Map<String, Map<String, Rate>> byLeague) {
        this.byLeague = byLeague;
    }

    public static ChaosRates from(CurrencyDigest digest) {
        Map<String, List<CurrencyMarket>> markets = new HashMap<>();
        for (CurrencyMarket m : digest.markets()) {
            markets.computeIfAbsent(m.league(), k -> new ArrayList<>()).add(m);
        }
        Map<String, Map<String, Rate>> out = new HashMap<>();
        for (Map.Entry<String, List<CurrencyMarket>> e : markets.entrySet()) {
            String league = e.getKey();
            Map<String, Rate> rates = new HashMap<>();
            Map<String, Double> directVolume = new HashMap<>();
            for (CurrencyMarket m : e.getValue()) {
                if (!m.trades(CHAOS)) {
                    continue;
                }
                String currency = m.other(CHAOS);
                OptionalDouble p = m.price(currency, CHAOS);
                double volume = m.volumeOf(currency);
                if (p.isPresent() && volume >= directVolume.getOrDefault(currency, -1.0)) {
                    rates.put(currency, new Rate(league, currency, p.getAsDouble(), CHAOS));
                    directVolume.put(currency, volume);
                }
            }
            Map<String, Rate> derived = new HashMap<>();
            Map<String, Double> derivedVolume = new HashMap<>();
            for (CurrencyMarket m : e.getValue()) {
                if (m.trades(CHAOS)) {
                    continue;
                }
                for (String currency : new String[] {m.a(), m.b()}) {
                    String via = m.other(currency);
                    Rate viaRate = rates.get(via);
                    if (rates.containsKey(currency) || viaRate == null) {
                        continue;
                    }
                    OptionalDouble p = m.price(currency, via);
                    double volume = m.volumeOf(currency);
                    if (p.isPresent() && volume >= derivedVolume.getOrDefault(currency, -1.0)) {
                        derived.put(currency, new Rate(league, currency, p.getAsDouble() * viaRate.chaosPerUnit(), via));
                        derivedVolume.put(currency, volume);
                    }
                }
            }
            rates.putAll(derived);
            rates.put(CHAOS, new Rate(league, CHAOS, 1.0, CHAOS));
            out.put(league, rates);
        }
        return new ChaosRates(out);
    }

    /** Chaos per unit of {@code currency} in {@code league}, when derivable. */
    public OptionalDouble chaosPerUnit(String league, String currency) {
        Rate r = rate(league, currency);
        return r == null ? OptionalDouble.empty() : OptionalDouble.of(r.chaosPerUnit());
    }

    /** The rate with its route, or null. */
    public Rate rate(String league, String currency) {
        Map<String, Rate> m = byLeague.get(league);
        return m == null ? null : m.get(currency);
    }

    /** All rates of a league (chaos included at 1). */
    public Map<String, Rate> ofLeague(String league) {
        return Map.copyOf(byLeague.getOrDefault(league, Map.of()));
    }

    /** Leagues with at least one market. */
    public java.util.Set<String> leagues() {
        return java.util.Set.copyOf(byLeague.keySet());
    }
}
