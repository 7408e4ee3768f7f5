package io.stashwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.bench.EvaluationHarness;
import io.stashwatch.bench.EvaluationMarkdown;
import io.stashwatch.market.DetectionEvaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The detection figures, end to end: the whole job (simulator over HTTP, river source, parser,
 * deltas, detection) on a MiniCluster, bounded, for three seeds of the simulated market, scored
 * against its ground truth. Asserts the targets over the seeds (precision and recall aggregated,
 * the rest on every seed) and writes the report to {@code target/evaluation-it.md};
 * {@code io.stashwatch.bench.DetectionEvaluationReport} runs more seeds into {@code docs/evaluation.md}.
 */
class DetectionEvaluationIT {
    /** Seeds not used while tuning detection. */
    private static final List<Long> SEEDS = List.of(201L, 202L, 203L);
    private static final int PAGES = 450;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @Test
    void meetsTheDetectionTargetsOnEverySeed() throws Exception {
        List<EvaluationHarness.SeedResult> runs = new ArrayList<>();
        for (long seed : SEEDS) {
            runs.add(EvaluationHarness.run(seed, EvaluationHarness.Setup.standard(PAGES), true));
        }
        Map<String, List<EvaluationHarness.SeedResult>> sets = new LinkedHashMap<>();
        sets.put("DetectionEvaluationIT seeds", runs);
        Path out = Path.of("target/evaluation-it.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, EvaluationMarkdown.render(sets,
                "mvn -o -q verify -Dit.test=DetectionEvaluationIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false",
                null), StandardCharsets.UTF_8);

        for (EvaluationHarness.SeedResult run : runs) {
            DetectionEvaluation.Report r = run.report();
            String seed = "seed " + run.seed() + ": " + r;
            // The market really contains every scenario.
            assertThat(run.truth().underpriced).as(seed).hasSizeGreaterThan(20);
            assertThat(run.truth().traps).as(seed).hasSizeGreaterThan(30);
            assertThat(run.truth().shifts).as(seed).hasSize(3);
            assertThat(run.truth().crashes).as(seed).hasSize(1);
            assertThat(run.truth().fixers).as(seed).hasSize(1);
            assertThat(run.truth().stableKeys).as(seed).isNotEmpty();

            assertThat(r.trapAlerts).as(seed).isZero();
            assertThat(r.shiftsMissed).as(seed).isEmpty();
            assertThat(r.falseShifts).as(seed).isZero();
            assertThat(r.fixerMaxDeviation).as(seed).isLessThanOrEqualTo(DetectionEvaluation.MAX_FIXER_DEVIATION);
            assertThat(r.fixers).as(seed).allMatch(f -> f.rows > 0);
            assertThat(r.fixerAlerts).as(seed).isZero();
            assertThat(r.maxTransitionAlerts).as(seed).isLessThanOrEqualTo(DetectionEvaluation.MAX_TRANSITION_ALERTS);
        }
        EvaluationMarkdown.Totals t = EvaluationMarkdown.totals(runs);
        assertThat(t.precision()).as("aggregated precision").isGreaterThanOrEqualTo(0.95);
        assertThat(t.recall()).as("aggregated recall").isGreaterThanOrEqualTo(0.95);
        assertThat(t.failures()).isEmpty();
    }
}
