package io.stashwatch.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator speaks the API strictly: checked with a bare HTTP client, no stashwatch client code. */
class SimulatorServerIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String UA = "OAuth " + SimulatorSettings.DEMO_CLIENT_ID + "/1.0.0 (contact: test@example.com)";
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    SimulatorServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    SimulatorServer start(SimulatorSettings.Builder settings, SyntheticRiverFeed feed) throws IOException {
        server = new SimulatorServer(settings.build(), feed).start();
        return server;
    }

    HttpResponse<byte[]> token(String form, String userAgent, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        if (basic != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String form(String secret, String scope) {
        return "client_id=" + SimulatorSettings.DEMO_CLIENT_ID + "&client_secret=" + secret
                + "&grant_type=client_credentials&scope=" + scope.replace(" ", "+");
    }

    String accessToken(String scope) throws Exception {
        HttpResponse<byte[]> r = token(form(SimulatorSettings.DEMO_CLIENT_SECRET, scope), UA, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    HttpResponse<byte[]> get(String pathAndQuery, String token, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery)).header("User-Agent", UA);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] decoded(HttpResponse<byte[]> r) throws IOException {
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                return in.readAllBytes();
            }
        }
        return r.body();
    }

    @Test
    void tokenEndpointIsStrict() throws Exception {
        start(SimulatorSettings.builder(), new SyntheticRiverFeed(10, 2, 2));
        HttpResponse<byte[]> ok = token(form(SimulatorSettings.DEMO_CLIENT_SECRET, "service:psapi service:cxapi"), UA, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode t = JSON.readTree(ok.body());
        assertThat(t.get("expires_in").isNull()).isTrue();
        assertThat(t.get("token_type").asText()).isEqualTo("bearer");
        assertThat(t.get("scope").asText()).isEqualTo("service:psapi service:cxapi");
        assertThat(ok.headers().firstValue("X-Rate-Limit-Policy")).hasValue(SimulatorSettings.TOKEN_POLICY);

        HttpResponse<byte[]> basic = token("grant_type=client_credentials&scope=service:psapi", UA,
                SimulatorSettings.DEMO_CLIENT_ID + ":" + SimulatorSettings.DEMO_CLIENT_SECRET);
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(basic.body()).get("error").asText()).isEqualTo("invalid_client");
        assertThat(server.counters().basicAuthViolations()).isEqualTo(1);

        assertThat(token(form("wrong", "service:psapi"), UA, null).statusCode()).isEqualTo(401);
        assertThat(server.counters().authViolations()).isEqualTo(1);

        assertThat(token(form(SimulatorSettings.DEMO_CLIENT_SECRET, "service:psapi"), "curl/8", null).statusCode())
                .isEqualTo(400);
        assertThat(server.counters().userAgentViolations()).isEqualTo(1);

        HttpResponse<byte[]> scope = token(form(SimulatorSettings.DEMO_CLIENT_SECRET, "account:stashes"), UA, null);
        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(scope.body()).get("error").asText()).isEqualTo("invalid_scope");
        assertThat(server.counters().tokensIssued()).isEqualTo(1);
    }

    @Test
    void riverPagesHeadAndBadCursor() throws Exception {
        SyntheticRiverFeed feed = new SyntheticRiverFeed(5, 20, 10);
        start(SimulatorSettings.builder().riverRule("client", "20:5:10,200:60:60").pace(Duration.ofHours(1)).backlog(2), feed);
        String token = accessToken("service:psapi");

        HttpResponse<byte[]> noToken = get("/public-stash-tabs", null, false);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("X-Rate-Limit-Policy")).isEmpty();
        assertThat(JSON.readTree(noToken.body()).at("/error/code").asInt()).isEqualTo(8);

        HttpResponse<byte[]> first = get("/public-stash-tabs", token, true);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(first.body().length).isLessThan(feed.pageJson(0).length);
        assertThat(decoded(first)).isEqualTo(feed.pageJson(0));
        assertThat(first.headers().firstValue("X-Rate-Limit-Policy")).hasValue(SimulatorSettings.RIVER_POLICY);
        assertThat(first.headers().firstValue("X-Rate-Limit-Rules")).hasValue("client");
        assertThat(first.headers().firstValue("X-Rate-Limit-Client")).hasValue("20:5:10,200:60:60");
        assertThat(first.headers().firstValue("X-Rate-Limit-Client-State")).hasValue("1:5:0,1:60:0");

        HttpResponse<byte[]> plain = get("/public-stash-tabs?id=" + feed.changeId(2), token, false);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(feed.pageJson(2));

        // Page 3 is not available yet (backlog 2, an hour per page): the head answers the same id, no stashes.
        HttpResponse<byte[]> head = get("/public-stash-tabs?id=" + feed.changeId(3), token, true);
        JsonNode h = JSON.readTree(decoded(head));
        assertThat(h.get("next_change_id").asText()).isEqualTo(feed.changeId(3));
        assertThat(h.get("stashes")).isEmpty();

        HttpResponse<byte[]> bad = get("/public-stash-tabs?id=1-2-3-4-5", token, false);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).at("/error/code").asInt()).isEqualTo(2);
        assertThat(server.counters().badCursors()).isEqualTo(1);

        assertThat(get("/public-stash-tabs/xbox", token, false).statusCode()).isEqualTo(404);

        HttpResponse<byte[]> stats = get("/api/data/GetStats", null, false);
        assertThat(JSON.readTree(stats.body()).get("next_change_id").asText()).isEqualTo(feed.changeId(2));
        assertThat(server.counters().pagesServed()).isEqualTo(2);
        assertThat(server.counters().headResponses()).isEqualTo(1);
    }

    @Test
    void heldLivePagesAppearOnePacePerPageAfterTheRelease() throws Exception {
        SyntheticRiverFeed feed = new SyntheticRiverFeed(5, 20, 10);
        start(SimulatorSettings.builder().pace(Duration.ofSeconds(2)).backlog(2), feed);
        server.holdLivePages();
        String token = accessToken("service:psapi");
        Thread.sleep(2500); // more than a pace: without the hold, page 3 would be there
        assertThat(decoded(get("/public-stash-tabs?id=" + feed.changeId(2), token, false))).isEqualTo(feed.pageJson(2));
        JsonNode held = JSON.readTree(decoded(get("/public-stash-tabs?id=" + feed.changeId(3), token, false)));
        assertThat(held.get("next_change_id").asText()).isEqualTo(feed.changeId(3));
        assertThat(held.get("stashes")).isEmpty();
        assertThat(server.newestAvailableIndex("pc")).isEqualTo(2);

        server.releaseLivePages();
        JsonNode justReleased = JSON.readTree(decoded(get("/public-stash-tabs?id=" + feed.changeId(3), token, false)));
        assertThat(justReleased.get("stashes")).isEmpty(); // page 3 comes one pace after the release
        Thread.sleep(2200);
        assertThat(decoded(get("/public-stash-tabs?id=" + feed.changeId(3), token, false))).isEqualTo(feed.pageJson(3));
        assertThat(server.newestAvailableIndex("pc")).isEqualTo(3);
    }

    @Test
    void pastTheLastPageTheHeadStaysPut() throws Exception {
        SyntheticRiverFeed feed = new SyntheticRiverFeed(3, 1, 1);
        start(SimulatorSettings.builder().pace(Duration.ZERO), feed);
        String token = accessToken("service:psapi");
        JsonNode last = JSON.readTree(decoded(get("/public-stash-tabs?id=" + feed.changeId(2), token, true)));
        assertThat(last.get("next_change_id").asText()).isEqualTo(feed.changeId(3));
        JsonNode head = JSON.readTree(decoded(get("/public-stash-tabs?id=" + feed.changeId(3), token, true)));
        assertThat(head.get("next_change_id").asText()).isEqualTo(feed.changeId(3));
        assertThat(head.get("stashes")).isEmpty();
        assertThat(JSON.readTree(get("/api/data/GetStats", null, false).body()).get("next_change_id").asText())
                .isEqualTo(feed.changeId(2));
    }

    @Test
    void windowsAreEnforcedExactlyWithRestriction() throws Exception {
        start(SimulatorSettings.builder().riverRule("client", "3:10:30").pace(Duration.ZERO),
                new SyntheticRiverFeed(10, 1, 1));
        String token = accessToken("service:psapi");
        for (int i = 1; i <= 3; i++) {
            HttpResponse<byte[]> r = get("/public-stash-tabs", token, false);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Rate-Limit-Client-State")).hasValue(i + ":10:0");
        }
        HttpResponse<byte[]> over = get("/public-stash-tabs", token, false);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(over.headers().firstValue("X-Rate-Limit-Client-State")).hasValue("3:10:30");
        assertThat(JSON.readTree(over.body()).at("/error/code").asInt()).isEqualTo(3);
        HttpResponse<byte[]> during = get("/public-stash-tabs", token, false);
        assertThat(during.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(during.headers().firstValue("Retry-After").orElseThrow())).isBetween(29, 30);
        assertThat(server.counters().tooManyRequests()).isEqualTo(2);
        assertThat(server.counters().clientErrors()).isEqualTo(2);
    }

    @Test
    void severalRulesAreAllReported() throws Exception {
        start(SimulatorSettings.builder().riverRule("client", "5:10:30").addRiverRule("Ip", "2:10:60"),
                new SyntheticRiverFeed(10, 1, 1));
        String token = accessToken("service:psapi");
        HttpResponse<byte[]> r = get("/public-stash-tabs", token, false);
        assertThat(r.headers().firstValue("X-Rate-Limit-Rules")).hasValue("client,Ip");
        assertThat(r.headers().firstValue("X-Rate-Limit-Ip")).hasValue("2:10:60");
        assertThat(r.headers().firstValue("X-Rate-Limit-Ip-State")).hasValue("1:10:0");
        get("/public-stash-tabs", token, false);
        HttpResponse<byte[]> over = get("/public-stash-tabs", token, false);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("60");
    }

    @Test
    void userAgentScopesAndMethodsAreChecked() throws Exception {
        start(SimulatorSettings.builder(), new SyntheticRiverFeed(10, 1, 1));
        String token = accessToken("service:psapi");
        HttpResponse<byte[]> noUa = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/public-stash-tabs"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(noUa.statusCode()).isEqualTo(403);
        assertThat(server.counters().userAgentViolations()).isEqualTo(1);

        HttpResponse<byte[]> cx = get("/currency-exchange", token, false);
        assertThat(cx.statusCode()).isEqualTo(403);
        assertThat(server.counters().scopeViolations()).isEqualTo(1);
        assertThat(get("/league", token, false).statusCode()).isEqualTo(403);
        assertThat(server.counters().scopeViolations()).isEqualTo(2);

        server.revokeTokens();
        assertThat(get("/public-stash-tabs", token, false).statusCode()).isEqualTo(401);
    }

    @Test
    void currencyExchangeHoursAndLeagues() throws Exception {
        SyntheticRiverFeed feed = new SyntheticRiverFeed(10, 1, 1);
        start(SimulatorSettings.builder().cxHistoryHours(5), feed);
        String token = accessToken("service:psapi service:cxapi service:leagues");
        long now = System.currentTimeMillis() / 1000;
        long current = now - now % 3600;

        HttpResponse<byte[]> inProgress = get("/currency-exchange/" + current, token, true);
        assertThat(inProgress.statusCode()).isEqualTo(404);
        JsonNode notYet = JSON.readTree(decoded(inProgress));
        assertThat(notYet.get("next_change_id").asLong()).isEqualTo(current);
        assertThat(notYet.get("markets")).isEmpty();

        HttpResponse<byte[]> past = get("/currency-exchange/" + (current - 3600), token, true);
        assertThat(past.statusCode()).isEqualTo(200);
        assertThat(decoded(past)).isEqualTo(feed.currencyExchangeJson(current - 3600));

        HttpResponse<byte[]> first = get("/currency-exchange", token, true);
        assertThat(JSON.readTree(decoded(first)).get("next_change_id").asLong()).isEqualTo(current - 5 * 3600 + 3600);
        assertThat(get("/currency-exchange/pc/" + (current - 7200), token, false).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> leagues = get("/league", token, false);
        assertThat(JSON.readTree(leagues.body()).get("leagues")).extracting(n -> n.get("id").asText())
                .containsExactly("Standard", "Hardcore", "Settlers");
        assertThat(leagues.headers().firstValue("X-Rate-Limit-Policy")).hasValue(SimulatorSettings.LEAGUE_POLICY);
    }

    @Test
    void faultsAreInjectedAtTheConfiguredRate() throws Exception {
        start(SimulatorSettings.builder().riverRule("client", "10000:1:1").faultRate(0.5).faultSeed(3)
                .slowDelay(Duration.ofMillis(50)), new SyntheticRiverFeed(10, 50, 10));
        String token = accessToken("service:psapi");
        int ok = 0;
        int status503 = 0;
        int status500 = 0;
        int broken = 0;
        for (int i = 0; i < 120; i++) {
            try {
                HttpResponse<byte[]> r = get("/public-stash-tabs", token, true);
                if (r.statusCode() == 503) {
                    status503++;
                    assertThat(r.headers().firstValue("X-Rate-Limit-Policy")).isEmpty();
                } else if (r.statusCode() == 500) {
                    status500++;
                    assertThat(JSON.readTree(r.body()).at("/error/code").asInt()).isEqualTo(4);
                } else {
                    assertThat(r.statusCode()).isEqualTo(200);
                    ok++;
                }
            } catch (IOException e) {
                broken++;
            }
        }
        assertThat(status503).isEqualTo(server.counters().faults503()).isPositive();
        assertThat(status500).isEqualTo(server.counters().faults500()).isPositive();
        assertThat(broken).isEqualTo(server.counters().faultsCut()).isPositive();
        assertThat(server.counters().faultsSlow()).isPositive();
        assertThat(ok + status503 + status500 + broken).isEqualTo(120);
        assertThat(server.counters().faults()).isBetween(35L, 85L);
    }
}
