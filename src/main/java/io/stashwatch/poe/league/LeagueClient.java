package io.stashwatch.poe.league;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.poe.PoeApi;
import io.stashwatch.poe.PoeFatalException;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.http.ApiError;
import io.stashwatch.poe.http.PoeResponse;
import io.stashwatch.poe.http.TransientPoeException;
import io.stashwatch.poe.metrics.PoeMetrics;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Typed client of {@code GET /league} (scope {@code service:leagues}). */
public final class LeagueClient {
    static final String ENDPOINT = "league";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PoeApi api;
    private final PoeMetrics metrics;

    public LeagueClient(PoeApi api, PoeMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    /** A client over the JVM-shared API of these settings, with scope {@code service:leagues} added. */
    public static LeagueClient create(PoeSettings settings, PoeMetrics metrics) {
        return new LeagueClient(PoeApi.shared(settings.withScope(PoeSettings.SCOPE_LEAGUES)), metrics);
    }

    /** The leagues of a realm. Transient faults are retried; other errors are fatal. */
    public List<League> fetch(String realm) throws IOException, InterruptedException {
        String path = "/league?realm=" + URLEncoder.encode(realm, StandardCharsets.UTF_8);
        return api.http().retrying("League list", metrics, () -> {
            PoeResponse r = api.get(ENDPOINT, api.uri(path), PoeSettings.SCOPE_LEAGUES, metrics);
            byte[] body;
            try {
                body = r.readBody(16 << 20);
                r.finish();
            } finally {
                metrics.bytesReceived(r.wireBytes());
                r.close();
            }
            if (r.status() != 200) {
                throw new PoeFatalException("The PoE API answered " + r.status() + " ("
                        + ApiError.parse(body).describe() + ") to /league");
            }
            return parse(body);
        });
    }

    /** Parses a {@code /league} body. */
    public static List<League> parse(byte[] body) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new TransientPoeException("/league answered something that is not JSON");
        }
        JsonNode leagues = root == null ? null : root.get("leagues");
        if (leagues == null || !leagues.isArray()) {
            throw new TransientPoeException("/league answered without a leagues array");
        }
        List<League> out = new ArrayList<>();
        for (JsonNode l : leagues) {
            List<String> rules = new ArrayList<>();
            JsonNode rs = l.get("rules");
            if (rs != null && rs.isArray()) {
                for (JsonNode r : rs) {
                    JsonNode id = r.get("id");
                    if (id != null) {
                        rules.add(id.asText());
                    }
                }
            }
            out.add(new League(text(l, "id"), text(l, "realm"), text(l, "description"), instant(l, "startAt"),
                    instant(l, "endAt"), rules));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String t = text(n, field);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
