package io.stashwatch.market;

/**
 * Deterministic alert ids (docs/architecture.md, Identifiers): the same page sequence gives the
 * same ids, so a replay or restore delivers each alert once.
 */
public final class AlertIds {
    private AlertIds() {
    }

    /** Hash of {@code underpriced|item_id|change_id} of the page that triggered the alert. */
    public static String underpriced(String itemId, String changeId) {
        return Hashes.sha256Hex16("underpriced|" + itemId + "|" + changeId);
    }

    /** Hash of {@code price_shift|realm|league|item_key|window_end}, window end in river-time ms. */
    public static String priceShift(String realm, String league, String itemKey, long windowEnd) {
        return Hashes.sha256Hex16("price_shift|" + realm + "|" + league + "|" + itemKey + "|" + windowEnd);
    }
}
