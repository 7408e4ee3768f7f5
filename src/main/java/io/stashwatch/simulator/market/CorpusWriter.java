package io.stashwatch.simulator.market;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a simulated river to a directory, for benchmarks and offline evaluations:
 * <pre>
 * dir/pages/page-00000000.json ...   one page body per file, exactly as the simulator serves it
 * dir/change-ids.tsv                 index, change id, bytes per page
 * dir/GroundTruth.json               {@link GroundTruth} ({@link GroundTruthJson})
 * dir/corpus.json                    manifest: settings, pages, bytes, first and head change id
 * </pre>
 * Page {@code k}'s change id is line {@code k} of {@code change-ids.tsv}; its body's next_change_id is
 * page {@code k+1}'s. Old page files in {@code dir/pages} are removed first.
 */
public final class CorpusWriter {
    public static final String PAGES_DIR = "pages";
    public static final String CHANGE_IDS = "change-ids.tsv";
    public static final String MANIFEST = "corpus.json";

    /** What was written. */
    public record Corpus(Path dir, long pages, long bytes, String firstChangeId, String headChangeId,
            double seconds) {
    }

    private CorpusWriter() {
    }

    /** The file of page {@code index} in a corpus directory. */
    public static Path pageFile(Path dir, long index) {
        return dir.resolve(PAGES_DIR).resolve(String.format(Locale.ROOT, "page-%08d.json", index));
    }

    /** Generates a bounded river and writes it with its ground truth to {@code dir}. */
    public static Corpus write(MarketSettings settings, Path dir) throws IOException {
        if (settings.endless()) {
            throw new IllegalArgumentException("a corpus needs a bounded river (pages > 0)");
        }
        Path pages = dir.resolve(PAGES_DIR);
        Files.createDirectories(pages);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(pages, "page-*.json")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        // Content does not depend on caching; a corpus is written once, front to back.
        MarketFeed feed = new MarketFeed(settings.toBuilder().cacheBytes(0).snapshotEvery(1 << 30).build());
        long start = System.nanoTime();
        long bytes = 0;
        try (BufferedWriter ids = Files.newBufferedWriter(dir.resolve(CHANGE_IDS), StandardCharsets.US_ASCII)) {
            for (long k = 0; k < settings.pages(); k++) {
                byte[] body = feed.page(k);
                Files.write(pageFile(dir, k), body);
                bytes += body.length;
                ids.write(k + "\t" + feed.changeId(k) + "\t" + body.length + "\n");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        GroundTruthJson.write(feed.groundTruth(), dir.resolve(GroundTruthJson.FILE_NAME));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("settings", settings.toString());
        manifest.put("seed", settings.seed());
        manifest.put("pages", settings.pages());
        manifest.put("stashesPerPage", settings.stashesPerPage());
        manifest.put("leagues", settings.leagues());
        manifest.put("bytes", bytes);
        manifest.put("firstChangeId", feed.changeId(0));
        manifest.put("headChangeId", feed.changeId(settings.pages()));
        manifest.put("pageFiles", PAGES_DIR + "/page-%08d.json");
        manifest.put("groundTruth", GroundTruthJson.FILE_NAME);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        return new Corpus(dir, settings.pages(), bytes, feed.changeId(0), feed.changeId(settings.pages()), seconds);
    }

    /**
     * {@code CorpusWriter --dir D [--seed S] [--pages N] [--stashes-per-page M] [--accounts A]}: writes a
     * corpus with the benchmark preset (250 stashes per page).
     */
    public static void main(String[] args) {
        Path dir = null;
        long seed = 42;
        long pages = 200;
        Integer spp = null;
        Integer accounts = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                switch (a) {
                    case "--dir" -> dir = Path.of(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--pages" -> pages = Long.parseLong(v);
                    case "--stashes-per-page" -> spp = Integer.parseInt(v);
                    case "--accounts" -> accounts = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
                i++;
            }
            if (dir == null) {
                throw new IllegalArgumentException("--dir is required");
            }
            MarketSettings.Builder b = MarketSettings.benchmark(seed, pages).toBuilder();
            if (spp != null) {
                b.stashesPerPage(spp).accounts(Math.max(300, 16 * spp));
            }
            if (accounts != null) {
                b.accounts(accounts);
            }
            Corpus c = write(b.build(), dir);
            System.out.printf(Locale.ROOT, "wrote %d pages, %.1f MB to %s in %.1f s (%.0f MB/s)%n", c.pages(),
                    c.bytes() / 1e6, c.dir(), c.seconds(), c.bytes() / 1e6 / c.seconds());
        } catch (NumberFormatException e) {
            System.err.println("error: not a number: " + e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("error: cannot write the corpus: " + e.getMessage());
            System.exit(1);
        }
    }
}
