package io.stashwatch.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.market.Currencies;
import io.stashwatch.testutil.Sql;
import io.stashwatch.testutil.DemoRun;
import io.stashwatch.testutil.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analyst's notebooks under {@code notebooks/}, run for real: every Jupyter notebook top to
 * bottom (nbconvert, Debian's Python) and every SQL paragraph of the Zeppelin notes (JDBC), against a
 * database the job's sinks filled and against an empty one. Set {@code STASHWATCH_SKIP_NOTEBOOKS=1}
 * to skip; without the tools the test fails and says what to install.
 */
class NotebooksIT {
    private static final boolean SKIP = "1".equals(System.getenv("STASHWATCH_SKIP_NOTEBOOKS"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path NOTEBOOKS = ROOT.resolve("notebooks");
    private static final Path OUTPUT = ROOT.resolve("target/notebooks-it");
    /** What a notebook section says when it has no data; never on the filled database. */
    private static final Pattern NOTHING_TO_SHOW = Pattern.compile("No [^\\n]* yet[.:]");
    private static final Pattern ZEPPELIN_FORM = Pattern.compile("\\$\\{(?:checkbox:)?([^=}]+)(?:=([^}]*))?}");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    private static Target filled;
    private static Target empty;

    /** A database (and Arrow directory) for the notebooks, as the environment the notebooks read. */
    record Target(String name, String jdbcUrl, String user, String password, Path arrowDir) {
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("JDBC_URL", jdbcUrl);
            env.put("JDBC_USER", user);
            env.put("JDBC_PASSWORD", password == null ? "" : password);
            env.put("ARROW_DIR", arrowDir.toString());
            return env;
        }
    }

    @BeforeAll
    static void data() throws Exception {
        if (SKIP) {
            return;
        }
        NotebookTools.require();
        TestPostgres.deleteTree(OUTPUT);
        Files.createDirectories(OUTPUT);
        filled = fill(OUTPUT.resolve("arrow"));
        String emptyUrl = TestPostgres.migratedDatabase("notebooks_empty");
        empty = new Target("empty", emptyUrl, EmbeddedDatabase.USER, null, OUTPUT.resolve("arrow-empty"));
    }

    @BeforeEach
    void notSkipped() {
        assumeFalse(SKIP, "STASHWATCH_SKIP_NOTEBOOKS=1");
    }

    /**
     * The data the notebooks run on: a bounded demo run of the shaded jar, exactly as a user runs it
     * (`demo --run.idle-timeout 10s`, shared with {@code CliIT}), whose embedded database is then
     * served again from its data directory, with the Arrow files the run wrote.
     */
    static Target fill(Path arrowDir) throws Exception {
        DemoRun demo = DemoRun.get();
        if (demo.exitCode != 0) {
            throw new IllegalStateException("the demo run failed (exit " + demo.exitCode + "):\n" + demo.output);
        }
        demoDatabase = EmbeddedDatabase.start(demo.dbDir, 0);
        return new Target("filled", demoDatabase.jdbcUrl(), demoDatabase.user(), null, demo.arrowDir);
    }

    private static EmbeddedDatabase demoDatabase;

    @AfterAll
    static void stopDemoDatabase() {
        if (demoDatabase != null) {
            demoDatabase.close();
        }
    }

    @Test
    void helperModuleTestsPass() {
        NotebookTools.Result r = NotebookTools.python(NOTEBOOKS, Map.of(), Duration.ofMinutes(1),
                "-m", "unittest", "discover", "-s", NOTEBOOKS.resolve("tests").toString());
        assertThat(r.exitCode()).as("python3 -m unittest discover -s notebooks/tests:%n%s", r.output()).isZero();
    }

    @Test
    void helperCurrencyItemsAgreeWithTheJob() throws IOException {
        NotebookTools.Result r = NotebookTools.python(NOTEBOOKS, Map.of(), Duration.ofMinutes(1),
                "-c", "import json, stashwatch_nb as sw; print(json.dumps(sw.CURRENCY_ITEMS))");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode items = JSON.readTree(r.stdout());
        assertThat(items.size()).isPositive();
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(Currencies.fromItemName(e.getKey())).as("currency id of %s", e.getKey()).isEqualTo(e.getValue().asText());
        }
    }

    @Test
    void theLiveCellReceivesAlertsAsTheTableNotifiesThem() throws Exception {
        // its own database: alert rows are inserted until the listener has one (the insert trigger notifies)
        String url = TestPostgres.migratedDatabase("notebooks_listen");
        Target target = new Target("listen", url, EmbeddedDatabase.USER, null, OUTPUT.resolve("arrow-listen"));
        String script = """
                import json, threading, stashwatch_nb as sw
                got = []
                listener = threading.Thread(target=lambda: got.extend(sw.listen_alerts(30, limit=1)))
                listener.start()
                writer = sw.connect(autocommit=True, read_only=False)
                n = 0
                while listener.is_alive():
                    n += 1
                    with writer.cursor() as cur:
                        cur.execute("INSERT INTO alerts (alert_id, kind, league, item_key, price_chaos, reference_chaos,"
                                    " created_at, fetched_at) VALUES (%s, 'underpriced', 'Mercenaries', 'Divine Orb',"
                                    " 40, 100, now(), now())", (f"probe-{n}",))
                    listener.join(0.2)
                print(json.dumps(got))
                """;
        NotebookTools.Result r = NotebookTools.python(NOTEBOOKS, target.env(), Duration.ofMinutes(1), "-c", script);
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode got = JSON.readTree(r.stdout());
        assertThat(got).as("alerts received: %s", r.output()).hasSize(1);
        assertThat(got.get(0).get("alert_id").asText()).startsWith("probe-");
        assertThat(got.get(0).get("kind").asText()).isEqualTo("underpriced");
        assertThat(got.get(0).get("price_chaos").asDouble()).isEqualTo(40.0);
    }

    @Test
    void everyNotebookRunsOnAFilledDatabaseAndShowsEverySection() throws Exception {
        Map<String, JsonNode> executed = execute(filled);
        String[] defaultKey = Sql.rows(filled.jdbcUrl(), """
                SELECT s.league, s.item_key FROM price_stats s GROUP BY s.league, s.item_key
                ORDER BY count(*) DESC,
                    (SELECT count(*) FROM alerts a WHERE (a.league, a.item_key, a.kind) = (s.league, s.item_key, 'price_shift')) DESC,
                    (SELECT count(*) FROM alerts a WHERE (a.league, a.item_key, a.kind) = (s.league, s.item_key, 'underpriced')) DESC,
                    s.league, s.item_key LIMIT 1""").get(0).toArray(String[]::new);
        for (Map.Entry<String, JsonNode> nb : executed.entrySet()) {
            String name = nb.getKey();
            String text = text(nb.getValue());
            if (name.startsWith("05_")) {
                continue; // checked below
            }
            assertThat(images(nb.getValue())).as("%s shows plots", name).isPositive();
            List<String> said = new ArrayList<>();
            for (Matcher m = NOTHING_TO_SHOW.matcher(text); m.find();) {
                said.add(m.group());
            }
            assertThat(said).as("%s finds data for every section of a filled database", name).isEmpty();
        }
        assertThat(text(executed.get("02_item_history")))
                .contains("Item key: " + defaultKey[1] + " (" + defaultKey[0] + ")");
        assertThat(text(executed.get("03_alert_feed"))).contains("Listening on stashwatch_alerts for 1 s");
        String arrow = text(executed.get("05_arrow_files"));
        assertThat(arrow).contains("Arrow directory: " + filled.arrowDir()).contains("listing_events").contains("price_stats");
        if (NotebookTools.hasPyarrow()) {
            assertThat(arrow).doesNotContain("Skipped").contains("rows");
            assertThat(images(executed.get("05_arrow_files"))).isPositive();
        } else {
            assertThat(arrow).contains("pyarrow is not installed").contains("Skipped: pyarrow is not installed.");
        }
    }

    @Test
    void everyNotebookRunsOnAnEmptyDatabaseAndSaysSo() throws Exception {
        Map<String, JsonNode> executed = execute(empty);
        for (Map.Entry<String, JsonNode> nb : executed.entrySet()) {
            String text = text(nb.getValue());
            if (nb.getKey().startsWith("05_")) {
                assertThat(text).contains("No Arrow files there yet");
            } else {
                assertThat(text).as(nb.getKey()).contains("nothing to show here");
                assertThat(images(nb.getValue())).as("%s draws no empty plots", nb.getKey()).isZero();
            }
        }
    }

    @Test
    void everyZeppelinParagraphRunsAgainstTheDatabase() throws Exception {
        List<Path> notes = files(NOTEBOOKS.resolve("zeppelin"), ".zpln");
        assertThat(notes).isNotEmpty();
        List<String> errors = new ArrayList<>();
        int paragraphs = 0;
        for (Path note : notes) {
            JsonNode doc = JSON.readTree(note.toFile());
            String file = note.getFileName().toString();
            String defaultInterpreter = doc.path("defaultInterpreterGroup").asText("");
            for (JsonNode p : doc.get("paragraphs")) {
                String text = p.path("text").asText("").strip();
                String interpreter = defaultInterpreter;
                String body = text;
                if (text.startsWith("%")) {
                    String head = text.split("\\s", 2)[0];
                    interpreter = head.substring(1).replaceAll("\\(.*\\)$", "");
                    body = text.substring(head.length());
                }
                if (interpreter.equals("md")) {
                    continue;
                }
                String where = file + " / " + p.path("title").asText(p.path("id").asText());
                if (!interpreter.equals("jdbc") && !interpreter.equals("postgresql")) {
                    errors.add(where + ": interpreter %" + interpreter + " is not SQL");
                    continue;
                }
                paragraphs++;
                String sql = withFormDefaults(body);
                for (Target target : List.of(filled, empty)) {
                    try {
                        long rows = rows(target, sql);
                        if (target == filled && rows == 0) {
                            errors.add(where + ": no rows on the filled database");
                        }
                    } catch (Exception e) {
                        errors.add(where + " (" + target.name() + " database): " + e.getMessage());
                    }
                }
            }
        }
        assertThat(paragraphs).isPositive();
        assertThat(errors).as("Zeppelin SQL paragraphs").isEmpty();
    }

    /** Runs every notebook against {@code target}; fails with the first failing cell and its output. */
    private static Map<String, JsonNode> execute(Target target) throws Exception {
        List<Path> notebooks = files(NOTEBOOKS, ".ipynb");
        assertThat(notebooks).hasSizeGreaterThanOrEqualTo(5);
        Path out = OUTPUT.resolve(target.name());
        TestPostgres.deleteTree(out);
        Files.createDirectories(out);
        Map<String, String> env = new LinkedHashMap<>(target.env());
        env.put("LISTEN_SECONDS", "1");
        NotebookTools.Result r = NotebookTools.nbconvert(NOTEBOOKS, env, out, notebooks);
        Map<String, JsonNode> executed = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Path nb : notebooks) {
            String name = nb.getFileName().toString().replace(".ipynb", "");
            Path result = out.resolve(nb.getFileName());
            if (!Files.exists(result)) {
                failures.add(name + ": not executed (exit " + r.exitCode() + ")");
                continue;
            }
            JsonNode doc = JSON.readTree(result.toFile());
            executed.put(name, doc);
            String error = firstError(doc);
            if (error != null) {
                failures.add(name + " on the " + target.name() + " database failed (" + result + "):\n" + error);
            }
        }
        if (!failures.isEmpty() || r.exitCode() != 0) {
            fail(String.join("\n\n", failures) + "\n\nnbconvert exit " + r.exitCode() + ":\n" + tail(r.output(), 4000));
        }
        return executed;
    }

    /** The first cell with an error output: its source and all its outputs, or null. */
    private static String firstError(JsonNode notebook) {
        int index = 0;
        for (JsonNode cell : notebook.get("cells")) {
            index++;
            boolean failed = false;
            for (JsonNode o : cell.path("outputs")) {
                failed |= o.path("output_type").asText().equals("error");
            }
            if (failed) {
                return "cell " + index + ":\n" + joined(cell.get("source")) + "\n---- output:\n" + outputText(cell);
            }
        }
        return null;
    }

    private static String outputText(JsonNode cell) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode o : cell.path("outputs")) {
            switch (o.path("output_type").asText()) {
                case "stream" -> sb.append(joined(o.get("text")));
                case "error" -> sb.append(ANSI.matcher(String.join("\n", values(o.get("traceback")))).replaceAll(""))
                        .append('\n');
                default -> sb.append(joined(o.path("data").path("text/plain"))).append('\n');
            }
        }
        return sb.toString();
    }

    /** All text outputs of a notebook. */
    private static String text(JsonNode notebook) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode cell : notebook.get("cells")) {
            sb.append(outputText(cell));
        }
        return sb.toString();
    }

    private static int images(JsonNode notebook) {
        int n = 0;
        for (JsonNode cell : notebook.get("cells")) {
            for (JsonNode o : cell.path("outputs")) {
                n += o.path("data").has("image/png") ? 1 : 0;
            }
        }
        return n;
    }

    private static String joined(JsonNode textOrLines) {
        return textOrLines == null ? "" : textOrLines.isArray() ? String.join("", values(textOrLines)) : textOrLines.asText();
    }

    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Zeppelin dynamic forms ({@code ${name=default}}, {@code ${name=default,a|b}}) replaced by their default. */
    static String withFormDefaults(String sql) {
        Matcher m = ZEPPELIN_FORM.matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(2) == null ? "" : m.group(2).split(",", 2)[0];
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static long rows(Target target, String sql) throws Exception {
        try (var c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                var s = c.createStatement()) {
            String statement = sql.strip();
            if (statement.endsWith(";")) {
                statement = statement.substring(0, statement.length() - 1);
            }
            if (!s.execute(statement)) {
                return s.getUpdateCount();
            }
            long n = 0;
            try (var rs = s.getResultSet()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
    }
}
