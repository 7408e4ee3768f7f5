package io.stashwatch.poe.league;

import java.time.Instant;
import java.util.List;

/**
 * A league as {@code /league} describes it.
 *
 * @param startAt null when unknown
 * @param endAt null for permanent leagues
 * @param rules rule ids, e.g. "Hardcore", "NoParties"
 */
public record League(String id, String realm, String description, Instant startAt, Instant endAt, List<String> rules) {
    public League {
        rules = List.copyOf(rules);
    }

    /** True when the league has started and not ended at {@code t}. */
    public boolean isActiveAt(Instant t) {
        return (startAt == null || !t.isBefore(startAt)) && (endAt == null || t.isBefore(endAt));
    }

    public boolean isHardcore() {
        return rules.contains("Hardcore");
    }

    public boolean isSoloSelfFound() {
        return rules.contains("NoParties");
    }
}
