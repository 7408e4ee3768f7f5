package io.stashwatch.bench;

import io.stashwatch.config.Config;
import io.stashwatch.poe.PoeRiverFetcherFactory;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.poe.RawPage;
import io.stashwatch.poe.RiverFetcher;
import io.stashwatch.poe.metrics.CountingPoeMetrics;
import io.stashwatch.poe.ratelimit.RateWindow;
import io.stashwatch.simulator.server.SimulatorCounters;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.simulator.server.SyntheticRiverFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures of the PoE client against the strict simulator, printed as Markdown.
 *
 * <ol>
 *   <li>Strict: river limits {@code 8:4:10,40:60:60}, a token limit, 5 % faults, a river far ahead of
 *       the client. Counts 429s and violations, checks the page chain, and compares the request
 *       rate with what the windows allow: the simulator's own log of arrivals against the fastest
 *       schedule an exact client could follow.</li>
 *   <li>Pipelining: generous limits, latency before every response and bodies that stream at a
 *       fixed rate; pages per second for pipeline depths 1 (sequential) to 4.</li>
 * </ol>
 *
 * <p>Run (arguments: seconds of the strict run, pages per pipelining run):
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) io.stashwatch.bench.ClientBenchmark 180 40
 * </pre>
 */
public final class ClientBenchmark {
    static final String LIMITS = "8:4:10,40:60:60";

    public static void main(String[] args) throws Exception {
        int strictSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 180;
        int pipelinePages = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        System.out.println("# Client benchmark");
        System.out.println();
        System.out.printf(Locale.ROOT, "JVM %s, %d cores%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        strict(strictSeconds);
        pipelining(pipelinePages);
        System.exit(0);
    }

    static PoeRiverFetcherFactory factory(SimulatorServer server, String... extra) {
        Config.Builder b = Config.builder()
                .cli("poe.api-url", server.baseUrl())
                .cli("poe.token-url", server.tokenUrl())
                .cli("poe.head-url", server.headUrl())
                .cli("poe.client-id", SimulatorSettings.DEMO_CLIENT_ID)
                .cli("poe.client-secret", SimulatorSettings.DEMO_CLIENT_SECRET)
                .cli("poe.contact", "bench@stashwatch.invalid");
        for (int i = 0; i < extra.length; i += 2) {
            b.cli(extra[i], extra[i + 1]);
        }
        return PoeRiverFetcherFactory.fromConfig(b.build());
    }

    // ------------------------------------------------------------------------------------ strict

    static void strict(int seconds) throws Exception {
        SyntheticRiverFeed feed = new SyntheticRiverFeed(-1, 20, 8);
        SimulatorSettings settings = SimulatorSettings.builder()
                .riverRule("client", LIMITS)
                .tokenRule("Ip", "2:10:60,4:300:1800")
                .faultRate(0.05).faultSeed(5).slowDelay(Duration.ofSeconds(1))
                .latency(Duration.ofMillis(20))
                .backlog(1_000_000).pace(Duration.ofMillis(300))
                .build();
        try (SimulatorServer server = new SimulatorServer(settings, feed).start()) {
            PoeRiverFetcherFactory factory = factory(server);
            PoeSettings ps = factory.settings();
            CountingPoeMetrics metrics = new CountingPoeMetrics();
            long pages = 0;
            boolean chainOk = true;
            String expected = "";
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            try (RiverFetcher f = factory.open("pc", "", metrics)) {
                while (System.nanoTime() < end) {
                    RawPage p = f.poll(Duration.ofMillis(200));
                    if (p == null || p.isHead()) {
                        continue;
                    }
                    chainOk &= p.changeId().equals(expected)
                            && p.nextChangeId().equals(feed.changeId(pages + 1));
                    expected = p.nextChangeId();
                    pages++;
                }
            }
            SimulatorCounters c = server.counters();
            List<Long> arrivals = new ArrayList<>();
            for (SimulatorServer.RiverHit h : server.riverLog()) {
                arrivals.add(h.atNanos());
            }
            List<RateWindow> windows = RateWindow.parseList(LIMITS);
            long first = arrivals.get(0);
            long last = arrivals.get(arrivals.size() - 1);
            int n = arrivals.size();
            long idealSpan = idealTimeOfRequest(windows, n);
            int idealCount = idealRequestsWithin(windows, last - first);

            System.out.println("## Strict limits, 5 % faults, behind the head");
            System.out.println();
            System.out.printf(Locale.ROOT, "Simulator: river `client` rule `%s`, token rule `Ip 2:10:60,4:300:1800`, "
                    + "fault rate 5 %% (503 without headers, 500, slow 1 s, cut body), latency 20 ms, "
                    + "pages of %.0f KB (gzip on the wire), the whole run behind the head.%n",
                    LIMITS, feed.pageJson(0).length / 1024.0);
            System.out.printf(Locale.ROOT, "Client: production defaults from `Config` (pipeline depth %d, "
                    + "rate-limit margin %d ms, head poll %s).%n%n", ps.pipelineDepth(),
                    ps.rateLimitMargin().toMillis(), ps.headPollInterval());
            System.out.println("| figure | value |");
            System.out.println("|---|---|");
            row("run", String.format(Locale.ROOT, "%d s", seconds));
            row("pages consumed (in chain order)", pages + (chainOk ? " (chain intact)" : " (CHAIN BROKEN)"));
            row("river requests seen by the simulator", Long.toString(c.riverRequests()));
            row("faults injected (503 / 500 / slow / cut)", c.faults() + " (" + c.faults503() + " / " + c.faults500()
                    + " / " + c.faultsSlow() + " / " + c.faultsCut() + ")");
            row("client retries", Long.toString(metrics.retries()));
            row("429 responses", Long.toString(c.tooManyRequests()));
            row("User-Agent violations", Long.toString(c.userAgentViolations()));
            row("auth violations (token, Basic, scope)", (c.authViolations() + c.basicAuthViolations()
                    + c.scopeViolations()) + "");
            row("4xx responses", Long.toString(c.clientErrors()));
            row("tokens issued", Long.toString(c.tokensIssued()));
            row("most requests in any 4 s / 60 s (limit 8 / 40)", maxInWindow(arrivals, 4) + " / "
                    + maxInWindow(arrivals, 60));
            row("time for the " + n + " requests (first to last arrival)", secs(last - first));
            row("fastest an exact client could make " + n + " requests", secs(idealSpan));
            row("rate used / rate the windows allow (by time)", pct((double) idealSpan / (last - first)));
            row("requests / requests the windows allow in the same span", n + " / " + idealCount + " = "
                    + pct((double) n / idealCount));
            row("time waiting in the limiter", secs(metrics.limiterWaitNanos()));
            System.out.println();
        }
    }

    /** Time from the first to the n-th request of the fastest schedule exact windows allow. */
    static long idealTimeOfRequest(List<RateWindow> windows, int n) {
        List<Long> sent = schedule(windows, n, Long.MAX_VALUE);
        return sent.get(sent.size() - 1);
    }

    /** Requests the fastest exact schedule makes within {@code span} (the first at 0). */
    static int idealRequestsWithin(List<RateWindow> windows, long span) {
        return schedule(windows, Integer.MAX_VALUE, span).size();
    }

    private static List<Long> schedule(List<RateWindow> windows, int max, long span) {
        List<Long> sent = new ArrayList<>();
        long t = 0;
        while (sent.size() < max) {
            long next = t;
            for (RateWindow w : windows) {
                if (sent.size() >= w.hits()) {
                    next = Math.max(next, sent.get(sent.size() - w.hits()) + w.periodSeconds() * 1_000_000_000L);
                }
            }
            if (next > span) {
                break;
            }
            sent.add(next);
            t = next;
        }
        return sent;
    }

    static int maxInWindow(List<Long> arrivals, int seconds) {
        long period = seconds * 1_000_000_000L;
        int max = 0;
        int start = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            while (arrivals.get(i) - arrivals.get(start) >= period) {
                start++;
            }
            max = Math.max(max, i - start + 1);
        }
        return max;
    }

    // ------------------------------------------------------------------------------------ pipelining

    static void pipelining(int pages) throws Exception {
        SyntheticRiverFeed feed = new SyntheticRiverFeed(-1, 60, 20);
        System.out.println("## Pipelining");
        System.out.println();
        System.out.printf(Locale.ROOT, "Simulator: limits out of the way (`1000:1:1`), no faults, pages of %.0f KB "
                + "(%.0f KB gzip on the wire); a latency before each response's headers, and each body streamed "
                + "at a fixed rate (the server producing the page as it sends it). %d pages per run after one "
                + "warm-up page, fresh simulator per run.%n%n", feed.pageJson(0).length / 1024.0,
                gzipSize(feed.pageJson(0)) / 1024.0, pages);
        pipeliningTable(feed, pages, Duration.ofMillis(200), 250_000);
        pipeliningTable(feed, pages, Duration.ofMillis(100), 60_000);
    }

    static void pipeliningTable(SyntheticRiverFeed feed, int pages, Duration latency, long bytesPerSecond)
            throws Exception {
        double transfer = gzipSize(feed.pageJson(0)) / (double) bytesPerSecond;
        System.out.printf(Locale.ROOT, "Latency %d ms, bodies at %d KB/s (%.0f ms per body):%n%n", latency.toMillis(),
                bytesPerSecond / 1000, transfer * 1000);
        System.out.println("| pipeline depth | pages/s | MB/s (decoded) | most requests in flight | speed-up |");
        System.out.println("|---|---|---|---|---|");
        double sequential = 0;
        for (int depth : new int[] {1, 2, 3, 4}) {
            SimulatorSettings settings = SimulatorSettings.builder().riverRule("client", "1000:1:1")
                    .pace(Duration.ZERO).latency(latency).bytesPerSecond(bytesPerSecond).build();
            try (SimulatorServer server = new SimulatorServer(settings, feed).start()) {
                PoeRiverFetcherFactory factory = factory(server, "poe.pipeline-depth", Integer.toString(depth));
                long bytes = 0;
                int got = 0;
                long t0 = 0;
                try (RiverFetcher f = factory.open("pc", "", new CountingPoeMetrics())) {
                    // The first page is warm-up (token, connection); time the rest.
                    while (got <= pages) {
                        RawPage p = f.poll(Duration.ofSeconds(30));
                        if (p == null) {
                            throw new IllegalStateException("no page within 30 s");
                        }
                        if (got == 0) {
                            t0 = System.nanoTime();
                        } else {
                            bytes += p.body().length;
                        }
                        got++;
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double rate = pages / secs;
                if (depth == 1) {
                    sequential = rate;
                }
                System.out.printf(Locale.ROOT, "| %d%s | %.2f | %.2f | %d | %.2f× |%n", depth,
                        depth == 1 ? " (sequential)" : depth == 2 ? " (default)" : "", rate, bytes / secs / 1e6,
                        server.counters().maxConcurrentRiverRequests(), rate / sequential);
            }
        }
        System.out.println();
    }

    static int gzipSize(byte[] body) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out, 8192)) {
            gz.write(body);
        }
        return out.size();
    }

    static void row(String name, String value) {
        System.out.println("| " + name + " | " + value + " |");
    }

    static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
