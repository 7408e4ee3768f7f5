package io.stashwatch.testutil;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A digest of {@code GET /jobs/<id>/checkpoints}.
 *
 * @param completed completed checkpoints (and savepoints) of the job
 * @param restored restores of the job: failover restarts and an initial restore from a savepoint
 * @param latestCompletedId id of the latest completed checkpoint, or -1
 * @param latestCompletedPath its external path, or null
 * @param restoredId id of the checkpoint the job last restored from, or -1
 * @param restoredPath its external path, or null
 * @param restoredFromSavepoint whether the last restore was from a savepoint
 */
public record CheckpointStats(long completed, long restored, long latestCompletedId, String latestCompletedPath,
        long restoredId, String restoredPath, boolean restoredFromSavepoint) {

    static CheckpointStats of(JsonNode json) {
        JsonNode counts = json.path("counts");
        JsonNode latest = json.path("latest").path("completed");
        JsonNode restore = json.path("latest").path("restored");
        boolean hasLatest = latest.isObject();
        boolean hasRestore = restore.isObject();
        return new CheckpointStats(
                counts.path("completed").asLong(),
                counts.path("restored").asLong(),
                hasLatest ? latest.path("id").asLong(-1) : -1,
                hasLatest ? textOrNull(latest.path("external_path")) : null,
                hasRestore ? restore.path("id").asLong(-1) : -1,
                hasRestore ? textOrNull(restore.path("external_path")) : null,
                hasRestore && restore.path("is_savepoint").asBoolean());
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
