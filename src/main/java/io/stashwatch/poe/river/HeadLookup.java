package io.stashwatch.poe.river;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.http.PoeHttp;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a change id near the head of the river for a job that starts without state, from a URL
 * answering JSON with a top-level {@code next_change_id} (poe.ninja's GetStats, or the simulator's).
 */
public final class HeadLookup {
    private static final Logger LOG = LoggerFactory.getLogger(HeadLookup.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    private HeadLookup() {
    }

    /**
     * @throws PoeFatalException when the URL cannot be reached or gives no id, telling the user to
     *     pass an explicit id
     */
    public static String lookup(PoeHttp http, URI headUrl, String realm) throws IOException, InterruptedException {
        if (headUrl == null) {
            throw new PoeFatalException("poe.start-change-id is 'head' but poe.head-url is empty: set "
                    + "poe.head-url, or pass an explicit change id with --poe.start-change-id");
        }
        String problem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                PoeHttp.PlainResponse r = http.plainGet(headUrl);
                if (r.status() == 200) {
                    JsonNode root = JSON.readTree(r.body());
                    JsonNode id = root == null ? null : root.get("next_change_id");
                    if (id != null && id.isTextual() && !id.asText().isBlank()) {
                        LOG.info("River head of realm {} from {}: {}", realm, headUrl, id.asText());
                        return id.asText();
                    }
                    problem = "the answer has no next_change_id";
                    break;
                }
                problem = "HTTP " + r.status();
                if (r.status() < 500) {
                    break;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < ATTEMPTS) {
                Thread.sleep(1000L * attempt);
            }
        }
        throw new PoeFatalException("Could not look up the river head at " + headUrl + " (" + problem
                + "): pass an explicit change id with --poe.start-change-id, or 'beginning'");
    }
}
