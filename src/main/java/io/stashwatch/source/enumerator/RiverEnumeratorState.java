package io.stashwatch.source.enumerator;

import io.stashwatch.source.split.RiverSplit;
import java.util.List;
import java.util.Set;

/**
 * Checkpointed state of the enumerator: realms whose split has been created (so a restore never
 * creates one again from {@code poe.start-change-id}) and splits not yet assigned to a reader.
 * Assigned splits live in the readers' state.
 */
public final class RiverEnumeratorState {
    private final Set<String> initializedRealms;
    private final List<RiverSplit> pending;

    public RiverEnumeratorState(Set<String> initializedRealms, List<RiverSplit> pending) {
        this.initializedRealms = Set.copyOf(initializedRealms);
        this.pending = List.copyOf(pending);
    }

    public Set<String> initializedRealms() {
        return initializedRealms;
    }

    public List<RiverSplit> pending() {
        return pending;
    }
}
