package io.stashwatch.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.detect.Detection;
import io.stashwatch.detect.DetectOptions;
import io.stashwatch.market.DetectionEvaluation;
import io.stashwatch.market.KeyDetector;
import io.stashwatch.market.KeyState;
import io.stashwatch.market.RateBook;
import io.stashwatch.market.RateHistory;
import io.stashwatch.model.Alert;
import io.stashwatch.model.AlertKind;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PriceStat;
import io.stashwatch.simulator.market.GroundTruth;
import io.stashwatch.simulator.market.GroundTruthJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Diagnosis of detection on one simulated market without Flink: {@code dump} runs the whole job for
 * a seed ({@link EvaluationHarness}) and stores its listing events (chaos prices filled in), alerts
 * and the ground truth; {@code replay} feeds the stored events of each key, page by page, through
 * {@link KeyDetector} the way {@code DetectorFunction} does (window ends before each page, the last
 * windows at the end of input) and scores the result, so a change of the pure logic can be tried on
 * many seeds in seconds. The job's own run ({@link DetectionEvaluationReport}) stays the figure of
 * record; a replay of unchanged code reproduces the job's alerts.
 *
 * <pre>
 * java -cp ... io.stashwatch.bench.DetectionReplay dump DIR 101,107
 * java -cp ... io.stashwatch.bench.DetectionReplay replay DIR 101,107 [KEY-SUBSTRING]
 * java -cp ... io.stashwatch.bench.DetectionReplay fingerprint DIR 101,107
 * </pre>
 *
 * <p>{@code fingerprint} replays and prints a SHA-256 over every field of every alert, price_stats
 * row and (converted) listing event, in output order, doubles bit for bit: a change meant to leave
 * detection's results alone (a performance change) must print the same line before and after.
 */
public final class DetectionReplay {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    /** Thread CPU time spent inside {@link KeyDetector#page} and {@link KeyDetector#window} by {@link #run} (DetectionReplayTiming). */
    static long detectorNanos;

    private DetectionReplay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("use: dump DIR SEEDS | replay DIR SEEDS [KEY-SUBSTRING]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        String keyFilter = args.length > 3 ? args[3] : null;
        for (String s : args[2].split(",")) {
            long seed = Long.parseLong(s.trim());
            if (args[0].equals("dump")) {
                dump(dir, seed);
            } else if (args[0].equals("fingerprint")) {
                fingerprint(dir, seed);
            } else {
                replay(dir, seed, keyFilter);
            }
        }
        System.exit(0);
    }

    static void fingerprint(Path dir, long seed) throws Exception {
        List<ListingEvent> events = read(dir.resolve(seed + ".events.json.gz"), new TypeReference<List<ListingEvent>>() { });
        List<Alert> alerts = new ArrayList<>();
        List<PriceStat> stats = new ArrayList<>();
        run(events, alerts, stats, null);
        System.out.printf("seed %d fingerprint: alerts %d %s, price_stats %d %s, events %d %s%n", seed,
                alerts.size(), digest(alerts), stats.size(), digest(stats), events.size(), digest(events));
    }

    /** SHA-256 of every declared instance field of every record, in list order; doubles as raw bits. */
    private static String digest(List<?> records) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        StringBuilder sb = new StringBuilder();
        for (Object o : records) {
            sb.setLength(0);
            for (java.lang.reflect.Field f : o.getClass().getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object v = f.get(o);
                sb.append(f.getName()).append('=');
                sb.append(v instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : String.valueOf(v));
                sb.append(';');
            }
            md.update(sb.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    static void dump(Path dir, long seed) throws Exception {
        EvaluationHarness.SeedResult r = EvaluationHarness.run(seed, EvaluationHarness.Setup.standard(Integer.getInteger("pages", 500)), false, true);
        write(dir.resolve(seed + ".events.json.gz"), r.eventList());
        write(dir.resolve(seed + ".alerts.json.gz"), r.alerts());
        GroundTruthJson.write(r.truth(), dir.resolve(seed + ".truth.json"));
        System.out.println("seed " + seed + " job: " + r.report());
    }

    static void replay(Path dir, long seed, String keyFilter) throws Exception {
        List<ListingEvent> events = read(dir.resolve(seed + ".events.json.gz"), new TypeReference<List<ListingEvent>>() { });
        List<Alert> jobAlerts = read(dir.resolve(seed + ".alerts.json.gz"), new TypeReference<List<Alert>>() { });
        GroundTruth truth = GroundTruthJson.read(dir.resolve(seed + ".truth.json"));
        List<Alert> alerts = new ArrayList<>();
        List<PriceStat> stats = new ArrayList<>();
        run(events, alerts, stats, keyFilter);
        if (keyFilter != null) {
            trace(events, stats, alerts, keyFilter);
        }
        DetectionEvaluation.Report report = DetectionEvaluation.evaluate(alerts, stats, truth,
                EvaluationHarness.EPOCH.toEpochMilli(), 1000L);
        System.out.println("seed " + seed + " replay: " + report);
        System.out.println("  job alerts " + jobAlerts.size() + ", replay alerts " + alerts.size()
                + (sameIds(jobAlerts, alerts) ? " (same ids)" : " (ids differ)"));
        Map<String, Alert> job = new TreeMap<>();
        jobAlerts.forEach(a -> job.put(a.alertId, a));
        Map<String, Alert> now = new TreeMap<>();
        alerts.forEach(a -> now.put(a.alertId, a));
        for (Alert a : job.values()) {
            if (!now.containsKey(a.alertId)) {
                System.out.printf("  only in the job run: %s%n", describe(a, truth));
            }
        }
        for (Alert a : now.values()) {
            if (!job.containsKey(a.alertId)) {
                System.out.printf("  only in the replay: %s%n", describe(a, truth));
            }
        }
        for (String id : report.falsePositives) {
            alerts.stream().filter(a -> id.equals(a.itemId)).findFirst()
                    .ifPresent(a -> System.out.printf("  false positive: %s %s%n", describe(a, truth), a.note));
        }
        for (String id : report.missed) {
            truth.underpriced.stream().filter(u -> id.equals(u.itemId)).findFirst()
                    .ifPresent(u -> System.out.printf("  missed: %s|%s p%d price %.1f fair %.1f %s%n", u.league,
                            u.itemKey, u.pageIndex, u.priceChaos, u.fairChaos, u.note));
        }
        if (!report.failures().isEmpty()) {
            System.out.println("  failures: " + report.failures());
        }
        // Reference against fair on stable keys (never moved): bias and spread of ln(reference / fair).
        java.util.Set<String> stable = new java.util.HashSet<>(truth.stableKeys);
        List<Double> dev = new ArrayList<>();
        for (PriceStat st : stats) {
            String key = st.league + "|" + st.itemKey;
            Double fair = truth.fairChaos.get(key);
            if (stable.contains(key) && fair != null && !Double.isNaN(st.referenceChaos)) {
                dev.add(Math.log(st.referenceChaos / fair));
            }
        }
        dev.sort(null);
        if (!dev.isEmpty()) {
            double mean = dev.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            System.out.printf("  stable keys: %d rows, ln(ref/fair) mean %+.4f p5 %+.3f p50 %+.3f p95 %+.3f%n", dev.size(),
                    mean, dev.get(dev.size() / 20), dev.get(dev.size() / 2), dev.get(dev.size() * 19 / 20));
        }
        for (DetectionEvaluation.FixerFinding f : report.fixers) {
            PriceStat worst = null;
            for (PriceStat st : stats) {
                if (f.key.equals(st.league + "|" + st.itemKey) && page(st.windowEnd) > f.fromPage
                        && !Double.isNaN(st.referenceChaos) && (worst == null
                        || Math.abs(st.referenceChaos / f.fairChaos - 1) > Math.abs(worst.referenceChaos / f.fairChaos - 1))) {
                    worst = st;
                }
            }
            // The same key without the fixer's listings: how far it strays on its own.
            List<ListingEvent> without = new ArrayList<>();
            for (ListingEvent e : events) {
                if (f.key.equals(e.league + "|" + e.itemKey) && !f.account.equals(e.accountName)) {
                    without.add(e);
                }
            }
            List<PriceStat> cf = new ArrayList<>();
            run(without, new ArrayList<>(), cf, "=" + f.key);
            double cfMax = 0;
            double effect = 0;
            Map<Long, Double> withRef = new HashMap<>();
            for (PriceStat st : stats) {
                if (f.key.equals(st.league + "|" + st.itemKey)) {
                    withRef.put(st.windowEnd, st.referenceChaos);
                }
            }
            for (PriceStat st : cf) {
                if (page(st.windowEnd) > f.fromPage && !Double.isNaN(st.referenceChaos)) {
                    cfMax = Math.max(cfMax, Math.abs(st.referenceChaos / f.fairChaos - 1));
                    Double w = withRef.get(st.windowEnd);
                    if (w != null && !Double.isNaN(w)) {
                        effect = Math.max(effect, Math.abs(w / st.referenceChaos - 1));
                    }
                }
            }
            System.out.printf("  fixer key without the fixer: max deviation %.3f; fixer's own effect on the reference %.3f%n",
                    cfMax, effect);
            System.out.printf("  fixer %s %.3f (before %.3f); worst %+.3f at p%d with %d accounts%n", f.key,
                    f.maxDeviation, f.baselineDeviation, worst == null ? Double.NaN : worst.referenceChaos / f.fairChaos - 1,
                    worst == null ? -1 : page(worst.windowEnd), worst == null ? -1 : worst.accounts);
        }
        for (Alert a : alerts) {
            if (a.kind == AlertKind.PRICE_SHIFT && truth.stableKeys.contains(a.league + "|" + a.itemKey)) {
                System.out.printf("  false shift %s at page %d: %.1f -> %.1f (%d accounts)%n", a.itemKey,
                        page(a.riverTime), a.referenceChaos, a.priceChaos, a.samples);
            }
        }
        for (DetectionEvaluation.Transition t : report.transitions) {
            if (t.alerts > 0) {
                System.out.printf("  transition %s from %d: %d alerts at %d..%d%n", t.key, t.fromPage, t.alerts,
                        t.firstAlertPage, t.lastAlertPage);
            }
        }
    }

    /** Prints the key's events, window rows and alerts in river order. */
    private static void trace(List<ListingEvent> events, List<PriceStat> stats, List<Alert> alerts, String keyFilter) {
        TreeMap<Long, List<String>> lines = new TreeMap<>();
        for (ListingEvent e : events) {
            if (matches(e.league + "|" + e.itemKey, keyFilter)) {
                lines.computeIfAbsent(e.riverTime * 10, k -> new ArrayList<>()).add(String.format(
                        "  p%d %-9s %-8s %-22s %8.2f  %s", page(e.riverTime), e.kind, e.itemId.substring(0, 8),
                        e.accountName, e.priceChaos, e.note));
            }
        }
        for (PriceStat st : stats) {
            lines.computeIfAbsent((st.windowEnd - 1) * 10 + 5, k -> new ArrayList<>()).add(String.format(
                    "W end p%d listings %d accounts %d median %.2f p10 %.2f p90 %.2f ref %.2f", page(st.windowEnd),
                    st.listings, st.accounts, st.medianChaos, st.p10Chaos, st.p90Chaos, st.referenceChaos));
        }
        for (Alert a : alerts) {
            lines.computeIfAbsent(a.riverTime * 10 + 1, k -> new ArrayList<>()).add(String.format(
                    "ALERT %s p%d %s %s price %.2f ref %.2f samples %d", a.kind, page(a.riverTime), a.itemId,
                    a.accountName, a.priceChaos, a.referenceChaos, a.samples));
        }
        lines.values().forEach(l -> l.forEach(System.out::println));
    }

    private static String describe(Alert a, GroundTruth truth) {
        boolean under = truth.underpriced.stream().anyMatch(u -> u.itemId.equals(a.itemId));
        return String.format("%s %s|%s p%d price %.1f ref %.1f %s", a.kind, a.league, a.itemKey, page(a.riverTime),
                a.priceChaos, a.referenceChaos, a.kind == AlertKind.UNDERPRICED ? (under ? "(underpriced)" : "(not underpriced)") : "");
    }

    private static boolean matches(String key, String filter) {
        return filter.startsWith("=") ? key.equals(filter.substring(1)) : key.contains(filter);
    }

    private static boolean sameIds(List<Alert> a, List<Alert> b) {
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        a.forEach(e -> x.add(e.alertId));
        b.forEach(e -> y.add(e.alertId));
        x.sort(null);
        y.sort(null);
        return x.equals(y);
    }

    static long page(long riverTime) {
        return (riverTime - EvaluationHarness.EPOCH.toEpochMilli()) / 1000L;
    }

    /** Replays the events key by key as DetectorFunction does. */
    static void run(List<ListingEvent> events, List<Alert> alerts, List<PriceStat> stats, String keyFilter) {
        DetectOptions options = DetectOptions.defaults().withWindow(java.time.Duration.ofSeconds(100),
                java.time.Duration.ofSeconds(10));
        KeyDetector detector = Detection.keyDetector(options);
        // Rates as the job applied them: chaos per unit by (league, currency, river time).
        Map<String, Double> rates = new HashMap<>();
        Map<String, List<ListingEvent>> byKey = new TreeMap<>();
        for (ListingEvent e : events) {
            if (e.priceCurrency != null && e.priceChaos > 0 && e.priceAmount > 0) {
                rates.put(e.league + "|" + e.priceCurrency + "|" + e.riverTime, e.priceChaos / e.priceAmount);
            }
            String key = e.league + "|" + e.itemKey;
            if (keyFilter == null || matches(key, keyFilter)) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        for (List<ListingEvent> list : byKey.values()) {
            list.sort(Comparator.comparingLong(e -> e.riverTime));
            KeyState s = new KeyState();
            String league = list.get(0).league;
            KeyDetector.Rates r = (currency, at) -> {
                if ("chaos".equals(currency)) {
                    return RateBook.resolve(currency, null, at, 0);
                }
                Double v = rates.get(league + "|" + currency + "|" + at);
                if (v == null) {
                    return RateBook.Rate.NONE;
                }
                RateHistory h = new RateHistory();
                h.cxChaos = v;
                h.cxUntil = Long.MAX_VALUE;
                return RateBook.resolve(currency, h, at, 0);
            };
            int i = 0;
            while (i < list.size()) {
                long t = list.get(i).riverTime;
                int j = i;
                while (j < list.size() && list.get(j).riverTime == t) {
                    j++;
                }
                windows(detector, s, t - 1, false, options, alerts, stats);
                List<ListingEvent> page = new ArrayList<>();
                for (ListingEvent e : list.subList(i, j)) {
                    page.add(e.copy());
                }
                long t0 = CPU.getCurrentThreadCpuTime();
                KeyDetector.PageResult pr = detector.page(s, t, page, r);
                detectorNanos += CPU.getCurrentThreadCpuTime() - t0;
                alerts.addAll(pr.alerts);
                i = j;
            }
            windows(detector, s, Long.MAX_VALUE, true, options, alerts, stats);
        }
    }

    private static void windows(KeyDetector detector, KeyState s, long limit, boolean endOfInput, DetectOptions o,
            List<Alert> alerts, List<PriceStat> stats) {
        while (s.nextWindowEnd != KeyState.NONE && s.nextWindowEnd - 1 <= limit) {
            long end = s.nextWindowEnd;
            long t0 = CPU.getCurrentThreadCpuTime();
            KeyDetector.WindowResult w = detector.window(s, end);
            detectorNanos += CPU.getCurrentThreadCpuTime() - t0;
            if (Boolean.getBoolean("traceShift")) {
                System.out.printf("  shift p%d open %s dir %d base %.2f anchor %.2f@p%d%n", page(end),
                        s.shift.isOpen() ? "p" + page(s.shift.openSince) : "-", s.shift.openDir, s.shift.openBase,
                        s.shift.anchor, page(s.shift.anchorEnd));
            }
            if (w.stat != null) {
                stats.add(w.stat);
            }
            if (w.shift != null) {
                alerts.add(w.shift);
            }
            if (s.book.size == 0 || endOfInput && end > s.lastPageTime) {
                s.nextWindowEnd = KeyState.NONE;
            } else {
                s.nextWindowEnd = end + o.slideMillis;
            }
        }
    }

    private static void write(Path file, Object value) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            JSON.writeValue(out, value);
        }
    }

    static <T> T read(Path file, TypeReference<T> type) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return JSON.readValue(in, type);
        }
    }
}
