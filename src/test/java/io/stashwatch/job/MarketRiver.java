package io.stashwatch.job;

import io.stashwatch.config.Option;
import io.stashwatch.config.Options;
import io.stashwatch.simulator.market.MarketFeed;
import io.stashwatch.simulator.market.MarketSettings;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A small simulated market served over HTTP by the simulator, and the options that point the
 * production job at it. Two instances with the same seed, pages and stashes serve byte-identical
 * rivers, whatever their pace.
 */
final class MarketRiver implements AutoCloseable {
    /** River time of the first page in every run of these tests. */
    static final String EPOCH = "2025-01-01T00:00:00Z";

    final MarketFeed feed;
    final SimulatorServer server;

    private MarketRiver(MarketFeed feed, SimulatorServer server) {
        this.feed = feed;
        this.server = server;
    }

    /**
     * Starts a simulator over a market of {@code pages} pages of {@code stashes} stash snapshots.
     *
     * @param pace a new page every pace after the {@code backlog} pages available at once (zero: all at once)
     */
    static MarketRiver start(long seed, int pages, int stashes, Duration pace, long backlog) throws IOException {
        MarketSettings market = MarketSettings.builder()
                .seed(seed)
                .pages(pages)
                .stashesPerPage(stashes)
                .accounts(Math.max(300, 15 * stashes))
                .build();
        SimulatorSettings settings = SimulatorSettings.builder()
                .pace(pace)
                .backlog(backlog)
                // Generous limits: these tests are about delivery, not about rate limiting.
                .riverRule("client", "2000:1:1")
                .tokenRule("Ip", "200:10:10")
                .cxRule("client", "200:10:10")
                .leagueRule("client", "200:10:10")
                .build();
        MarketFeed feed = new MarketFeed(market);
        return new MarketRiver(feed, new SimulatorServer(settings, feed).start());
    }

    int pages() {
        return (int) feed.pageCount();
    }

    /**
     * Distinct pages (not head answers) the server answered with 200, as feed indexes in order of
     * first request. A request without an id is page 0.
     */
    Set<Long> pagesServed() {
        Set<Long> out = new LinkedHashSet<>();
        for (SimulatorServer.RiverHit hit : server.riverLog()) {
            if (hit.status() != 200) {
                continue;
            }
            long index;
            if (hit.changeId() == null || hit.changeId().isEmpty()) {
                index = 0;
            } else {
                OptionalLong i = feed.indexOf(hit.changeId());
                if (i.isEmpty()) {
                    continue;
                }
                index = i.getAsLong();
            }
            if (index < pages()) {
                out.add(index);
            }
        }
        return out;
    }

    /**
     * Options of a bounded run of the production job against this simulator: client settings,
     * start at page 0, fixed river epoch, quick head polls, short checkpoints, no Currency Exchange
     * (its digests are the one input whose arrival time is not part of the river).
     */
    Map<String, String> options(Duration idleTimeout) {
        Map<String, String> o = new LinkedHashMap<>();
        for (Map.Entry<Option<?>, String> e : server.clientDefaults().entrySet()) {
            o.put(e.getKey().name(), e.getValue());
        }
        o.put(Options.POE_START_CHANGE_ID.name(), feed.changeId(0));
        o.put(Options.POE_HEAD_POLL_INTERVAL.name(), "100ms");
        o.put(Options.POE_CURRENCY_EXCHANGE.name(), "false");
        o.put(Options.RIVER_EPOCH.name(), EPOCH);
        o.put(Options.RUN_IDLE_TIMEOUT.name(), idleTimeout.toMillis() + "ms");
        o.put(Options.CHECKPOINT_INTERVAL.name(), "400ms");
        o.put(Options.PARALLELISM.name(), "2");
        o.put(Options.DETECT_WINDOW.name(), "60s");
        o.put(Options.DETECT_SLIDE.name(), "10s");
        o.put(Options.ARROW_DIR.name(), "");
        o.put(Options.JDBC_BATCH_INTERVAL.name(), "100ms");
        return o;
    }

    @Override
    public void close() {
        server.close();
    }
}
