package io.stashwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stashwatch bench} end to end on a tiny corpus: every row of the report, with positive figures. */
class BenchCommandIT {
    private static final Pattern ROW = Pattern.compile(
            "^\\| \\((\\d)\\) ([^|]+) \\| (\\d+) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d,]+) \\| ([\\d,]+|–) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\|$");

    @Test
    void writesEveryMeasurementToTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("benchmarks.md");
        Files.writeString(report, "# Benchmarks\n\nHand-written text stays.\n\n" + BenchReport.BEGIN + "\nold\n"
                + BenchReport.END + "\n\nAnd after.\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--bench.pages", "4", "--bench.stashes-per-page", "40",
                "--bench.parallelism", "1,2", "--bench.output", report.toString(), "--checkpoint.interval", "1s"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), false);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("job, discarding sinks, parallelism 1", "job → PostgreSQL, parallelism 2")
                .doesNotContain("\tat ");

        String text = Files.readString(report);
        assertThat(text).startsWith("# Benchmarks\n\nHand-written text stays.").endsWith("And after.\n")
                .doesNotContain("\nold\n").contains("Load average", "Corpus:** 4 pages", "cores");
        List<String> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(m.group(1) + " p" + m.group(3));
                for (int g : new int[] {4, 5, 8, 10}) {
                    assertThat(Double.parseDouble(m.group(g))).as(line).isPositive();
                }
                assertThat(Long.parseLong(m.group(6).replace(",", ""))).as(line).isPositive();
                if (!m.group(1).equals("1")) {
                    assertThat(Long.parseLong(m.group(7).replace(",", ""))).as(line).isPositive();
                }
            }
        }
        assertThat(rows).containsExactly("1 p1", "2 p1", "3 p1", "2 p2", "3 p2");
        assertThat(text).containsPattern("Parallelism 2 ÷ 1: job → PostgreSQL [\\d.]+×")
                .contains("`ingest_pages` 4,");

        // Where the CPU goes: a row per stage and the total; the job's own stages (found by their
        // thread names) have CPU time. Each run of this tiny corpus is short, so one stage of one run
        // can fall between two samples; all of them together cannot.
        double jobStages = 0;
        for (String stage : new String[] {StageCpu.FETCH, StageCpu.SOURCE, StageCpu.DELTAS, StageCpu.DETECT,
                StageCpu.RATES, StageCpu.SINKS, StageCpu.OTHER, BenchReport.UNSAMPLED, "**JVM total**"}) {
            Matcher m = Pattern.compile("^\\| " + Pattern.quote(stage) + " \\|(.*)$", Pattern.MULTILINE).matcher(text);
            assertThat(m.find()).as("stage row " + stage).isTrue();
            Matcher cell = Pattern.compile(" \\**([\\d.]+)\\** \\([\\d.]+×\\) \\|").matcher(m.group(1));
            int cells = 0;
            while (cell.find()) {
                cells++;
                if (!stage.equals(StageCpu.OTHER) && !stage.equals(BenchReport.UNSAMPLED) && !stage.startsWith("**")) {
                    jobStages += Double.parseDouble(cell.group(1));
                }
            }
            assertThat(cells).as(stage).isEqualTo(4);
        }
        assertThat(jobStages).as("CPU of the job's stages").isPositive();
        // The database's own CPU beside the PostgreSQL runs only (Linux /proc).
        assertThat(text).containsPattern("\\| PostgreSQL server processes \\(outside the JVM\\) \\| [\\d.]+ \\([\\d.]+×\\) \\| – \\|"
                + " [\\d.]+ \\([\\d.]+×\\) \\| – \\|");
    }
}
