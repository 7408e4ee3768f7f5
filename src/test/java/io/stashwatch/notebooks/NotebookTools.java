package io.stashwatch.notebooks;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's Jupyter tools, called by absolute path: {@code python3} on PATH may be another
 * interpreter (pyenv, a virtualenv) without these packages.
 */
final class NotebookTools {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path NBCONVERT = Path.of("/usr/bin/jupyter-nbconvert");
    static final Path KERNELS = Path.of("/usr/share/jupyter");
    /** Python module the notebooks or the runner need, and the Debian package that has it. */
    static final Map<String, String> MODULES = new LinkedHashMap<>();
    /** Environment names that would make Debian's Python load other packages, or the notebooks read other data. */
    private static final List<String> CLEARED = List.of("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV",
            "PYENV_VERSION", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JDBC_URL", "JDBC_USER", "JDBC_PASSWORD",
            "ARROW_DIR", "LISTEN_SECONDS", "MPLBACKEND");

    static {
        MODULES.put("nbconvert", "jupyter-nbconvert");
        MODULES.put("nbclient", "python3-nbclient");
        MODULES.put("ipykernel", "python3-ipykernel");
        MODULES.put("pandas", "python3-pandas");
        MODULES.put("matplotlib", "python3-matplotlib");
        MODULES.put("psycopg2", "python3-psycopg2");
        MODULES.put("sqlalchemy", "python3-sqlalchemy");
    }

    /** Exit code and output of a finished process. */
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + (stderr.isEmpty() ? "" : "\n[stderr]\n" + stderr);
        }
    }

    private NotebookTools() {
    }

    /** Fails, naming the Debian packages to install, when a tool the notebook tests need is missing. */
    static void require() {
        Set<String> missing = new LinkedHashSet<>();
        if (!Files.isExecutable(PYTHON)) {
            missing.addAll(MODULES.values());
        } else {
            String modules = MODULES.keySet().stream().map(m -> "'" + m + "'").collect(Collectors.joining(", ", "[", "]"));
            String probe = "import importlib.util as u; print(' '.join(m for m in " + modules + " if u.find_spec(m) is None))";
            Result r = python(Path.of("/"), Map.of(), Duration.ofSeconds(60), "-c", probe);
            if (r.exitCode() != 0) {
                fail(PYTHON + " does not run: " + r.output());
            }
            for (String module : r.stdout().trim().split("\\s+")) {
                if (!module.isEmpty()) {
                    missing.add(MODULES.get(module));
                }
            }
        }
        if (!Files.isExecutable(NBCONVERT)) {
            missing.add("jupyter-nbconvert");
        }
        if (!Files.exists(KERNELS.resolve("kernels/python3/kernel.json"))) {
            missing.add("python3-ipykernel");
        }
        if (!missing.isEmpty()) {
            fail("The notebook tests need Debian's Jupyter tools; missing: " + String.join(", ", missing)
                    + ". Install them with .ci/install-notebook-deps (apt-get install -y --no-install-recommends "
                    + String.join(" ", MODULES.values()) + "), or set STASHWATCH_SKIP_NOTEBOOKS=1 to skip these tests.");
        }
    }

    /** True when Debian's Python can import pyarrow (not packaged in Debian; pip-installed by hand). */
    static boolean hasPyarrow() {
        return python(Path.of("/"), Map.of(), Duration.ofSeconds(60), "-c",
                "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('pyarrow') else 1)").exitCode() == 0;
    }

    static Result python(Path dir, Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        command.addAll(List.of(args));
        return run(command, dir, env, timeout);
    }

    /** Executes notebooks top to bottom into {@code outDir}; errors are kept in the cells' outputs. */
    static Result nbconvert(Path dir, Map<String, String> env, Path outDir, List<Path> notebooks) {
        List<String> command = new ArrayList<>(List.of(NBCONVERT.toString(), "--to", "notebook", "--execute",
                "--allow-errors", "--ExecutePreprocessor.timeout=120", "--ExecutePreprocessor.kernel_name=python3",
                "--output-dir", outDir.toString()));
        notebooks.forEach(n -> command.add(n.toString()));
        return run(command, dir, env, Duration.ofMinutes(5));
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        Path out = null;
        Path err = null;
        Path runtime = null;
        try {
            out = Files.createTempFile("notebook-out-", ".txt");
            err = Files.createTempFile("notebook-err-", ".txt");
            runtime = Files.createTempDirectory("jupyter-runtime-");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> e = pb.environment();
            CLEARED.forEach(e::remove);
            e.put("MPLBACKEND", "Agg");
            e.put("JUPYTER_PATH", KERNELS.toString());
            e.put("JUPYTER_RUNTIME_DIR", runtime.toString());
            e.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
            e.put("PYTHONDONTWRITEBYTECODE", "1");
            e.putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
            if (runtime != null) {
                io.stashwatch.testutil.TestPostgres.deleteTree(runtime);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
