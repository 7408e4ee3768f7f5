package io.stashwatch.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option stashwatch understands, declared once: name, type, default and documentation. The
 * README's option table, {@code conf/stashwatch.yaml} and the command-line help are checked against
 * this list by tests.
 */
public final class Options {
    private static final Map<String, Option<?>> ALL = new LinkedHashMap<>();

    private Options() {
    }

    private static <T> Option<T> add(String group, String name, ValueType<T> type, T dflt, String doc) {
        return register(new Option<>(group, name, type, dflt, false, doc));
    }

    private static <T> Option<T> secret(String group, String name, ValueType<T> type, String doc) {
        return register(new Option<>(group, name, type, null, true, doc));
    }

    private static <T> Option<T> register(Option<T> option) {
        if (ALL.put(option.name(), option) != null) {
            throw new IllegalStateException("duplicate option " + option.name());
        }
        return option;
    }

    // ---------------------------------------------------------------- PoE API
    public static final Option<URI> POE_API_URL = add("poe", "poe.api-url", ValueType.URL,
            URI.create("https://api.pathofexile.com"), "Base URL of the PoE API (or any PoE-compatible server).");
    public static final Option<URI> POE_TOKEN_URL = add("poe", "poe.token-url", ValueType.URL,
            URI.create("https://www.pathofexile.com/oauth/token"), "OAuth token endpoint (client_credentials grant).");
    public static final Option<String> POE_CLIENT_ID = add("poe", "poe.client-id", ValueType.STRING, null,
            "OAuth client id of your registered confidential application. Required for a real API.");
    public static final Option<String> POE_CLIENT_SECRET = secret("poe", "poe.client-secret", ValueType.STRING,
            "OAuth client secret. Never logged, never written to tables. Required for a real API.");
    public static final Option<String> POE_CONTACT = add("poe", "poe.contact", ValueType.STRING, null,
            "Contact e-mail put in the User-Agent, as GGG requires. Required for a real API.");
    public static final Option<List<String>> POE_REALM = add("poe", "poe.realm", ValueType.LIST, List.of("pc"),
            "Realms to follow (pc, xbox, sony); one river cursor each.");
    public static final Option<List<String>> POE_LEAGUES = add("poe", "poe.leagues", ValueType.LIST, List.of(),
            "Leagues to keep (empty = all). Stashes of other leagues are dropped right after parsing.");
    public static final Option<String> POE_START_CHANGE_ID = add("poe", "poe.start-change-id", ValueType.STRING,
            "head", "Where a job without state starts: 'head' (near the head, asked from poe.head-url), "
                    + "'beginning' (the first page of the river: years of data), or an explicit change id. "
                    + "Ignored when state.dir holds a checkpoint.");
    public static final Option<URI> POE_HEAD_URL = add("poe", "poe.head-url", ValueType.URL,
            URI.create("https://poe.ninja/api/data/GetStats"),
            "Where 'head' is looked up: any URL answering JSON with a next_change_id field.");
    public static final Option<Duration> POE_HEAD_POLL_INTERVAL = add("poe", "poe.head-poll-interval",
            ValueType.DURATION, Duration.ofSeconds(2),
            "At the head (empty page, same id), wait this long before asking again (rate limits still apply).");
    public static final Option<Integer> POE_PIPELINE_DEPTH = add("poe", "poe.pipeline-depth",
            ValueType.intRange(1, 8), 2,
            "Page requests in flight at once: the next request starts as soon as next_change_id is read "
                    + "from the first bytes of the current body. 1 = strictly sequential.");
    public static final Option<Duration> POE_REQUEST_TIMEOUT = add("poe", "poe.request-timeout", ValueType.DURATION,
            Duration.ofSeconds(30), "Time-out of one HTTP request; a time-out is retried with backoff.");
    public static final Option<Integer> POE_INVALID_REQUEST_LIMIT = add("poe", "poe.invalid-request-limit",
            ValueType.intRange(1, 100_000), 20,
            "Stop with an error before this many 4xx responses fall in poe.invalid-request-window "
                    + "(GGG revokes applications that cross their threshold).");
    public static final Option<Duration> POE_INVALID_REQUEST_WINDOW = add("poe", "poe.invalid-request-window",
            ValueType.DURATION, Duration.ofMinutes(10), "Sliding window for poe.invalid-request-limit.");
    public static final Option<Duration> POE_RATE_LIMIT_MARGIN = add("poe", "poe.rate-limit-margin",
            ValueType.DURATION, Duration.ofMillis(250),
            "Safety margin added to every rate-limit window, for servers that count hits in buckets.");
    public static final Option<Boolean> POE_CURRENCY_EXCHANGE = add("poe", "poe.currency-exchange",
            ValueType.BOOLEAN, true,
            "Fetch hourly Currency Exchange rates (scope service:cxapi); without them rates come from the river.");

    // ---------------------------------------------------------------- river time
    public static final Option<Duration> RIVER_PAGE_INTERVAL = add("river", "river.page-interval",
            ValueType.DURATION, Duration.ofSeconds(1),
            "River time: every non-empty page advances event time by this much (the river has no timestamps; "
                    + "see README, Time model). Windows are measured in river time.");
    public static final Option<Instant> RIVER_EPOCH = add("river", "river.epoch", ValueType.INSTANT, null,
            "River time of the first page of a job without state (empty = start time truncated to the hour). "
                    + "Kept in checkpoints, so restores and resumes keep their clock.");

    // ---------------------------------------------------------------- database
    public static final Option<String> JDBC_URL = add("jdbc", "jdbc.url", ValueType.STRING, null,
            "PostgreSQL JDBC URL. Empty = embedded PostgreSQL with data under db.dir.");
    public static final Option<String> JDBC_USER = add("jdbc", "jdbc.user", ValueType.STRING, "postgres",
            "Database user.");
    public static final Option<String> JDBC_PASSWORD = secret("jdbc", "jdbc.password", ValueType.STRING,
            "Database password. Never logged.");
    public static final Option<Integer> JDBC_BATCH_SIZE = add("jdbc", "jdbc.batch-size",
            ValueType.intRange(1, 100_000), 2000, "Rows per JDBC batch.");
    public static final Option<Duration> JDBC_BATCH_INTERVAL = add("jdbc", "jdbc.batch-interval",
            ValueType.DURATION, Duration.ofMillis(200),
            "Longest time a row waits in a batch (alerts use a tenth of it, at most 50ms).");
    public static final Option<Integer> JDBC_MAX_RETRIES = add("jdbc", "jdbc.max-retries",
            ValueType.intRange(0, 100), 3,
            "Retries of a failed batch before the job restarts from its last checkpoint.");
    public static final Option<String> DB_DIR = add("jdbc", "db.dir", ValueType.STRING, "data/pg",
            "Data directory of the embedded PostgreSQL (used when jdbc.url is empty).");
    public static final Option<Integer> DB_PORT = add("jdbc", "db.port", ValueType.intRange(0, 65535), 15432,
            "Port of the embedded PostgreSQL (0 = any free port).");
    public static final Option<Duration> RETENTION_MAX_AGE = add("jdbc", "retention.max-age", ValueType.DURATION,
            Duration.ofDays(14),
            "listing_events and price_stats older than this (in river time) are pruned; listings are kept.");

    // ---------------------------------------------------------------- state and run
    public static final Option<String> STATE_DIR = add("run", "state.dir", ValueType.STRING, null,
            "Checkpoint directory. A new run with the same directory resumes from its latest retained "
                    + "checkpoint. Empty = checkpoints in a temporary directory deleted at exit (no resume across processes).");
    public static final Option<String> STATE_BACKEND = add("run", "state.backend",
            ValueType.oneOf("hashmap", "rocksdb"), "hashmap",
            "Keyed state backend: hashmap (heap, fastest) or rocksdb (millions of listings, small heap).");
    public static final Option<Duration> CHECKPOINT_INTERVAL = add("run", "checkpoint.interval",
            ValueType.DURATION, Duration.ofSeconds(10), "Interval between checkpoints.");
    public static final Option<Integer> PARALLELISM = add("run", "parallelism", ValueType.intRange(0, 1024), 0,
            "Parallelism of the keyed operators (0 = the number of cores locally, the cluster's default on a cluster). "
                    + "The river source runs one reader per realm.");
    public static final Option<Duration> RUN_IDLE_TIMEOUT = add("run", "run.idle-timeout", ValueType.DURATION, null,
            "Empty = run forever. Otherwise finish once the river head has returned no new stashes for this "
                    + "long: flush the sinks, print a summary, exit 0.");
    public static final Option<Duration> RUN_PROGRESS_INTERVAL = add("run", "run.progress-interval",
            ValueType.DURATION, Duration.ofSeconds(5), "Interval of the progress line.");
    public static final Option<Integer> WEB_PORT = add("run", "web.port", ValueType.intRange(0, 65535), 8081,
            "Port of the Flink web UI of the local MiniCluster (0 = any free port).");

    // ---------------------------------------------------------------- detection
    public static final Option<Duration> DETECT_WINDOW = add("detect", "detect.window", ValueType.DURATION,
            Duration.ofHours(1), "Length of the sliding price windows (river time).");
    public static final Option<Duration> DETECT_SLIDE = add("detect", "detect.slide", ValueType.DURATION,
            Duration.ofMinutes(5), "Slide of the price windows; one price_stats row per key and slide.");
    public static final Option<Integer> DETECT_MIN_SAMPLES = add("detect", "detect.min-samples",
            ValueType.intRange(2, 10_000), 5,
            "Listings from distinct accounts a key needs before it has a reference price at all.");
    public static final Option<Integer> DETECT_MAX_PER_ACCOUNT = add("detect", "detect.max-per-account",
            ValueType.intRange(1, 1000), 2,
            "Most listings one account contributes to a key's reference price (price fixers).");
    public static final Option<Double> DETECT_UNDERPRICED_RATIO = add("detect", "detect.underpriced-ratio",
            ValueType.ratio(0.0, 1.0), 0.5,
            "A listing at or below this fraction of its key's reference price is underpriced.");
    public static final Option<Double> DETECT_SHIFT_RATIO = add("detect", "detect.shift-ratio",
            ValueType.ratio(1.0, 1000.0), 1.5,
            "A reference moving by this factor (up, or down by its inverse) for more than one window is a shift.");

    // ---------------------------------------------------------------- alerts and files
    public static final Option<URI> ALERTS_WEBHOOK_URL = add("alerts", "alerts.webhook-url", ValueType.URL, null,
            "When set, every new alert is POSTed here as JSON (retries with backoff; failures recorded).");
    public static final Option<Duration> ALERTS_WEBHOOK_TIMEOUT = add("alerts", "alerts.webhook-timeout",
            ValueType.DURATION, Duration.ofSeconds(5), "Time-out of one webhook delivery attempt.");
    public static final Option<Integer> ALERTS_WEBHOOK_MAX_ATTEMPTS = add("alerts", "alerts.webhook-max-attempts",
            ValueType.intRange(1, 100), 8,
            "Attempts before a delivery is recorded as failed in alert_deliveries.");
    public static final Option<String> ARROW_DIR = add("alerts", "arrow.dir", ValueType.STRING, "data/arrow",
            "Directory of the Arrow IPC files of price_stats and listing_events (empty = no Arrow files).");
    public static final Option<Duration> ARROW_ROLL = add("alerts", "arrow.roll", ValueType.DURATION,
            Duration.ofHours(1), "River time covered by one Arrow file.");

    // ---------------------------------------------------------------- simulator (demo, simulate)
    public static final Option<Long> SIM_SEED = add("sim", "sim.seed", ValueType.longRange(0, Long.MAX_VALUE), 42L,
            "Seed of the simulated market; the same seed gives the same river.");
    public static final Option<String> SIM_HOST = add("sim", "sim.host", ValueType.STRING, "127.0.0.1",
            "Address the simulator listens on (0.0.0.0 to serve other machines or containers).");
    public static final Option<Integer> SIM_PORT = add("sim", "sim.port", ValueType.intRange(0, 65535), 0,
            "Port of the simulator (0 = any free port).");
    public static final Option<Duration> SIM_PACE = add("sim", "sim.pace", ValueType.DURATION,
            Duration.ofMillis(100), "A new page becomes available every pace.");
    public static final Option<Integer> SIM_PAGES = add("sim", "sim.pages", ValueType.intRange(0, 100_000_000), 400,
            "Pages in the simulated river; after the last one the head stays put (0 = endless).");
    public static final Option<Integer> SIM_BACKLOG = add("sim", "sim.backlog", ValueType.intRange(0, 100_000_000),
            100, "Pages already available when the simulator starts.");
    public static final Option<Integer> SIM_STASHES_PER_PAGE = add("sim", "sim.stashes-per-page",
            ValueType.intRange(1, 5000), 60, "Stash snapshots per simulated page.");
    public static final Option<String> SIM_RATE_LIMIT = add("sim", "sim.rate-limit", ValueType.STRING,
            "40:5:10,400:60:60", "Rate-limit windows of the river endpoint, hits:period:restriction.");
    public static final Option<Double> SIM_FAULT_RATE = add("sim", "sim.fault-rate", ValueType.ratio(-1e-9, 1.0),
            0.0, "Fraction of requests answered with an injected fault (503, 500, slow response).");
    public static final Option<Duration> SIM_LATENCY = add("sim", "sim.latency", ValueType.DURATION, Duration.ZERO,
            "Latency added to every response.");

    // ---------------------------------------------------------------- benchmark (bench)
    public static final Option<Integer> BENCH_PAGES = add("bench", "bench.pages", ValueType.intRange(1, 100_000), 150,
            "Pages in the benchmark corpus (generated by the simulator's market, kept in memory).");
    public static final Option<Integer> BENCH_STASHES_PER_PAGE = add("bench", "bench.stashes-per-page",
            ValueType.intRange(1, 5000), 500,
            "Stashes per corpus page (the live river peaks at 500-600 at league start; ~6.8 MB per page at 500).");
    public static final Option<Long> BENCH_SEED = add("bench", "bench.seed", ValueType.longRange(0, Long.MAX_VALUE),
            7L, "Seed of the corpus; the same seed gives the same pages.");
    public static final Option<List<String>> BENCH_PARALLELISM = add("bench", "bench.parallelism", ValueType.LIST,
            List.of("1", "2"), "Parallelisms the full job is measured at (the first one is the base of the comparison).");
    public static final Option<String> BENCH_OUTPUT = add("bench", "bench.output", ValueType.STRING,
            "docs/benchmarks.md",
            "Markdown file whose generated section receives the results (empty = print only).");

    /** All options, in declaration order. */
    public static List<Option<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    /** The option with this dotted name, or null. */
    public static Option<?> byName(String name) {
        return ALL.get(name);
    }

    /** Options of these groups, in declaration order. */
    public static List<Option<?>> inGroups(String... groups) {
        List<Option<?>> out = new ArrayList<>();
        for (Option<?> o : ALL.values()) {
            for (String g : groups) {
                if (o.group().equals(g)) {
                    out.add(o);
                }
            }
        }
        return out;
    }
}
