package io.stashwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Command-line parsing and the exit codes a user sees, without starting anything. */
class MainTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void unknownOptionIsOneLineWithASuggestionAndExitCode2() {
        Result r = run("run", "--detect.windw", "5m");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("--detect.windw").contains("did you mean --detect.window?");
    }

    @Test
    void badValueNamesTheOptionAndItsSource() {
        Result r = run(Map.of("DETECT_WINDOW", "soon"), "run");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(1);
        assertThat(r.err).contains("detect.window").contains("DETECT_WINDOW").contains("duration");
    }

    @Test
    void missingCredentialsForARealApiAreAClearError() {
        Result r = run("run", "--jdbc.url", "jdbc:postgresql://localhost:1/x");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("poe.client-id").contains("POE_CLIENT_ID");
        Result noSecret = run(Map.of("POE_CLIENT_ID", "app", "POE_CONTACT", "a@b.c"), "run");
        assertThat(noSecret.code).isEqualTo(2);
        assertThat(noSecret.err).contains("poe.client-secret");
    }

    @Test
    void optionsOfOtherCommandsAreRejected() {
        Result r = run("run", "--sim.seed", "3");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--sim.seed");
        Result db = run("db", "--poe.client-id", "x");
        assertThat(db.code).isEqualTo(2);
    }

    @Test
    void unknownCommandAndNoCommand() {
        Result r = run("bogus");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("unknown command 'bogus'").contains("demo");
        Result none = run();
        assertThat(none.code).isEqualTo(2);
        assertThat(none.err).contains("Usage: stashwatch <command>");
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentName() {
        Result r = run("demo", "--help");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("--poe.client-id").contains("POE_CLIENT_ID").contains("--sim.seed")
                .contains("--run.idle-timeout").contains("--config");
        Result sim = run("simulate", "--help");
        assertThat(sim.out).contains("--port").contains("--seed");
        Result main = run("--help");
        assertThat(main.code).isZero();
        assertThat(main.out).contains("run").contains("simulate").contains("Grinding Gear Games");
    }

    @Test
    void missingConfigFileIsAClearError() {
        Result r = run("run", "--config", "/nonexistent/stashwatch.yaml");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("/nonexistent/stashwatch.yaml").contains("does not exist");
    }

    @Test
    void secretsAreNotEchoedInErrors() {
        Result r = run("run", "--poe.client-secret", "hunter2-secret", "--poe.pipeline-depth", "99");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("poe.pipeline-depth").doesNotContain("hunter2-secret");
    }
}
