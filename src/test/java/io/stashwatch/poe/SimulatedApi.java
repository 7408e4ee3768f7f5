package io.stashwatch.poe;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.simulator.server.SyntheticRiverFeed;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A simulator on a free port and client settings pointing at it, for integration tests. */
public final class SimulatedApi implements AutoCloseable {
    public static final String CONTACT = "tests@stashwatch.invalid";

    public final SimulatorServer server;
    public final SyntheticRiverFeed feed;

    private SimulatedApi(SimulatorServer server, SyntheticRiverFeed feed) {
        this.server = server;
        this.feed = feed;
    }

    public static SimulatedApi start(SimulatorSettings.Builder settings, SyntheticRiverFeed feed) throws IOException {
        return new SimulatedApi(new SimulatorServer(settings.build(), feed).start(), feed);
    }

    /** Client settings for this simulator: demo credentials, quick backoff and head polling. */
    public PoeSettings.Builder client() {
        return PoeSettings.builder()
                .apiUrl(URI.create(server.baseUrl()))
                .tokenUrl(URI.create(server.tokenUrl()))
                .headUrl(URI.create(server.headUrl()))
                .clientId(SimulatorSettings.DEMO_CLIENT_ID)
                .clientSecret(SimulatorSettings.DEMO_CLIENT_SECRET)
                .contact(CONTACT)
                .headPollInterval(Duration.ofMillis(200))
                .requestTimeout(Duration.ofSeconds(10))
                .rateLimitMargin(Duration.ofMillis(50))
                .backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    /** Polls until the head is reached; returns the non-empty pages in the order handed on. */
    public static List<RawPage> readUntilHead(RiverFetcher fetcher, Duration max) throws Exception {
        List<RawPage> pages = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            RawPage p = fetcher.poll(Duration.ofMillis(200));
            if (p == null) {
                continue;
            }
            if (p.isHead()) {
                return pages;
            }
            pages.add(p);
        }
        throw new AssertionError("head not reached within " + max + " after " + pages.size() + " pages");
    }

    /** The pages are the feed's pages {@code from, from+1, ...}, byte for byte, forming one chain. */
    public void assertChain(List<RawPage> pages, long from) {
        for (int i = 0; i < pages.size(); i++) {
            long k = from + i;
            RawPage p = pages.get(i);
            assertThat(p.changeId()).as("change id of page %d", k).isEqualTo(k == 0 && i == 0 && from == 0
                    ? p.changeId() : feed.changeId(k));
            assertThat(p.nextChangeId()).as("next id of page %d", k).isEqualTo(feed.changeId(k + 1));
            assertThat(p.body()).as("body of page %d", k).isEqualTo(feed.pageJson(k));
            assertThat(p.realm()).isEqualTo("pc");
            if (i > 0) {
                assertThat(p.changeId()).isEqualTo(pages.get(i - 1).nextChangeId());
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
