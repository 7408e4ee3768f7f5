package io.stashwatch.source;

import io.stashwatch.model.RiverPage;
import io.stashwatch.poe.RawPage;
import java.io.IOException;
import java.io.Serializable;

/**
 * Turns a fetched page body into a {@link RiverPage} (next change id, stashes, item count). The
 * source fills in the page's position (realm, change id, seq, river time, fetch time) itself.
 * One instance per reader; it need not be thread-safe.
 */
@FunctionalInterface
public interface RiverPageDeserializer extends Serializable {

    RiverPage deserialize(RawPage raw) throws IOException;
}
