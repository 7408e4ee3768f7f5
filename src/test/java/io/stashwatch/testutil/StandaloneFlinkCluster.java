package io.stashwatch.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real standalone Flink session cluster for integration tests: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}) in
 * their own JVMs, started from the Flink jars of the Maven build (the classpath written to
 * {@code target/cluster-classpath.txt}) the way Flink's scripts start them: memory flags from
 * {@code BashJavaUtils}, Java 17 module openings from {@code env.java.opts.all}, one
 * {@code config.yaml} in the {@code --configDir}.
 *
 * <p>Jobs are submitted and steered over the REST API ({@link #rest()}, with shortcuts here):
 * upload a jar, run it (optionally from a savepoint), watch checkpoints, stop with a savepoint.
 * {@link #killTaskManager()} kills a TaskManager with SIGKILL to test recovery. Each process logs
 * to {@link #logDir()}; the working directory is kept after {@link #close()} for debugging.
 *
 * <pre>{@code
 * try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.builder()
 *         .baseConfig(Path.of("conf/config.yaml")).start()) {
 *     String jobId = cluster.run(cluster.uploadJar(jar), List.of("--jdbc.url", url), 2);
 *     cluster.waitForRunning(jobId, Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    /** System property naming the file with the cluster's classpath (set by the failsafe configuration). */
    public static final String CLASSPATH_FILE_PROPERTY = "stashwatch.test.classpath.file";

    private static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String CLI_MAIN = "org.apache.flink.client.cli.CliFrontend";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String BASH_RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** Flink's own Java 17 list, used when the configuration has no {@code env.java.opts.all}. */
    static final List<String> DEFAULT_JAVA_OPTS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String DEFAULT_LOG4J = String.join("\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = FileAppender",
            "logger.pekko.name = org.apache.pekko",
            "logger.pekko.level = WARN",
            "appender.file.name = FileAppender",
            "appender.file.type = File",
            "appender.file.append = true",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "");

    private final Path workDir;
    private final Path configDir;
    private final Path logDir;
    private final Path log4jConfig;
    private final Map<String, String> configuration;
    private final Map<String, String> environment;
    private final String classpath;
    private final Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    private final int restPort;
    private final Duration startupTimeout;
    private final boolean deleteOnClose;
    private final FlinkRestClient rest;
    private final Thread shutdownHook = new Thread(this::destroyAllForcibly, "flink-cluster-shutdown");

    private List<String> taskManagerMemoryArgs;
    private List<String> taskManagerDynamicArgs;
    private ManagedProcess jobManager;
    private final List<ManagedProcess> taskManagers = new ArrayList<>();
    private int taskManagerCounter;
    private int cliCounter;
    private boolean closed;

    private StandaloneFlinkCluster(Builder builder, Path workDir, Map<String, String> configuration, int restPort)
            throws IOException {
        this.workDir = workDir;
        this.configDir = Files.createDirectories(workDir.resolve("conf"));
        this.logDir = Files.createDirectories(workDir.resolve("log"));
        this.configuration = configuration;
        this.environment = Map.copyOf(builder.environment);
        this.restPort = restPort;
        this.classpath = readClasspath();
        this.startupTimeout = builder.startupTimeout;
        this.deleteOnClose = builder.deleteOnClose;
        this.log4jConfig = configDir.resolve("log4j-console.properties");
        if (builder.logConfig != null) {
            Files.copy(builder.logConfig, log4jConfig);
        } else {
            Files.writeString(log4jConfig, DEFAULT_LOG4J);
        }
        writeConfig(configDir.resolve("config.yaml"), configuration);
        this.rest = new FlinkRestClient("http://localhost:" + restPort, this::checkJobManagerAlive,
                () -> logTails(30));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder with defaults for a small test machine: one TaskManager with two slots. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ processes

    private void startProcesses(int taskManagerCount) {
        CompletableFuture<List<List<String>>> jmParams =
                CompletableFuture.supplyAsync(() -> resourceParams("GET_JM_RESOURCE_PARAMS"));
        List<List<String>> tmParams = resourceParams("GET_TM_RESOURCE_PARAMS");
        taskManagerMemoryArgs = tmParams.get(0);
        taskManagerDynamicArgs = tmParams.get(1);
        List<List<String>> jm = jmParams.join();

        List<String> jvm = new ArrayList<>(jm.get(0));
        jvm.addAll(javaOpts("env.java.opts.jobmanager"));
        List<String> args = new ArrayList<>(List.of("--configDir", configDir.toString()));
        args.addAll(jm.get(1));
        jobManager = launch("jobmanager", jvm, JOB_MANAGER_MAIN, args);
        for (int i = 0; i < taskManagerCount; i++) {
            startTaskManagerProcess();
        }
        rest.await("the REST API to list " + taskManagerCount + " registered TaskManager(s)", startupTimeout,
                () -> rest.taskManagerIds().size() >= taskManagerCount);
    }

    /** Starts one more TaskManager and waits until it has registered; returns its resource id. */
    public String startTaskManager() {
        String id = startTaskManagerProcess();
        rest.await("TaskManager " + id + " to register", startupTimeout, () -> rest.taskManagerIds().contains(id));
        return id;
    }

    private String startTaskManagerProcess() {
        taskManagerCounter++;
        String id = "taskmanager-" + taskManagerCounter;
        List<String> jvm = new ArrayList<>(taskManagerMemoryArgs);
        jvm.addAll(javaOpts("env.java.opts.taskmanager"));
        List<String> args = new ArrayList<>(List.of("--configDir", configDir.toString()));
        args.addAll(taskManagerDynamicArgs);
        args.addAll(List.of("-D", "taskmanager.resource-id=" + id));
        taskManagers.add(launch(id, jvm, TASK_MANAGER_MAIN, args));
        return id;
    }

    /**
     * Kills the most recently started live TaskManager with SIGKILL (no shutdown hooks, no goodbye
     * to the JobManager), as a crashed machine would, and waits until the process is gone.
     *
     * @return the resource id of the killed TaskManager
     */
    public String killTaskManager() {
        for (int i = taskManagers.size() - 1; i >= 0; i--) {
            ManagedProcess tm = taskManagers.get(i);
            if (tm.process().isAlive()) {
                tm.process().destroyForcibly();
                try {
                    if (!tm.process().waitFor(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("TaskManager " + tm.name() + " survived SIGKILL");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while killing " + tm.name(), e);
                }
                return tm.name();
            }
        }
        throw new IllegalStateException("no live TaskManager to kill");
    }

    /** Stops every process (TaskManagers first, SIGTERM then SIGKILL) and, if asked, deletes the working directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        taskManagers.forEach(tm -> tm.process().destroy());
        taskManagers.forEach(StandaloneFlinkCluster::awaitExit);
        if (jobManager != null) {
            jobManager.process().destroy();
            awaitExit(jobManager);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down and runs the hook itself
        }
        if (deleteOnClose) {
            deleteRecursively(workDir);
        }
    }

    private static void awaitExit(ManagedProcess p) {
        try {
            if (!p.process().waitFor(15, TimeUnit.SECONDS)) {
                p.process().destroyForcibly();
                p.process().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void destroyAllForcibly() {
        taskManagers.forEach(tm -> tm.process().destroyForcibly());
        if (jobManager != null) {
            jobManager.process().destroyForcibly();
        }
    }

    private void checkJobManagerAlive() {
        if (jobManager != null && !jobManager.process().isAlive()) {
            throw new IllegalStateException("the JobManager exited (code " + jobManager.process().exitValue() + ")\n"
                    + logTails(40));
        }
    }

    // ------------------------------------------------------------------ REST shortcuts

    /** The REST client of this cluster, for everything not offered as a shortcut here. */
    public FlinkRestClient rest() {
        return rest;
    }

    /** Uploads a job jar; returns its jar id. */
    public String uploadJar(Path jar) {
        return rest.uploadJar(jar);
    }

    /** Runs the jar's manifest main class; returns the job id. */
    public String run(String jarId, List<String> args, int parallelism) {
        return rest.run(jarId, RunOptions.defaults().withArgs(args).withParallelism(parallelism));
    }

    /** Runs the jar's manifest main class restored from a savepoint or retained checkpoint; returns the job id. */
    public String run(String jarId, List<String> args, int parallelism, String savepointPath) {
        return rest.run(jarId, RunOptions.defaults().withArgs(args).withParallelism(parallelism)
                .withSavepointPath(savepointPath));
    }

    /** Runs a jar with all options of {@code POST /jars/<id>/run}; returns the job id. */
    public String run(String jarId, RunOptions options) {
        return rest.run(jarId, options);
    }

    public String jobStatus(String jobId) {
        return rest.jobStatus(jobId);
    }

    public void waitForStatus(String jobId, String status, Duration timeout) {
        rest.waitForStatus(jobId, status, timeout);
    }

    public boolean allTasksRunning(String jobId) {
        return rest.allTasksRunning(jobId);
    }

    public void waitForRunning(String jobId, Duration timeout) {
        rest.waitForRunning(jobId, timeout);
    }

    public JsonNode checkpoints(String jobId) {
        return rest.checkpoints(jobId);
    }

    public CheckpointStats checkpointStats(String jobId) {
        return rest.checkpointStats(jobId);
    }

    public CheckpointStats waitForCheckpointAfter(String jobId, long afterId, Duration timeout) {
        return rest.waitForCheckpointAfter(jobId, afterId, timeout);
    }

    /** Stops with a savepoint into {@code targetDirectory}; returns the savepoint path once the job finished. */
    public String stopWithSavepoint(String jobId, Path targetDirectory, Duration timeout) {
        return rest.stopWithSavepoint(jobId, targetDirectory, timeout);
    }

    /** {@link #stopWithSavepoint(String, Path, Duration)} with a two-minute limit. */
    public String stopWithSavepoint(String jobId, Path targetDirectory) {
        return rest.stopWithSavepoint(jobId, targetDirectory, Duration.ofMinutes(2));
    }

    public void cancel(String jobId, Duration timeout) {
        rest.cancel(jobId, timeout);
    }

    /** {@code GET} of a REST path such as {@code /overview}. */
    public JsonNode get(String path) {
        return rest.get(path);
    }

    // ------------------------------------------------------------------ the flink command line

    /** What a {@link #flink} command printed and how it ended. */
    public record CliResult(int exitCode, String output) {
        /** The first match of group 1 of {@code regex} in the output, or an exception quoting the output. */
        public String find(String regex) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("no match for " + regex + " in the output (exit " + exitCode + "):\n"
                        + output);
            }
            return m.group(1);
        }
    }

    /**
     * Runs Flink's command-line client ({@code bin/flink}, i.e. {@code CliFrontend}) against this
     * cluster, as an operator would: {@code flink run -d job.jar ...}, {@code flink stop ...},
     * {@code flink list}. It reads the cluster's {@code config.yaml} ({@code FLINK_CONF_DIR}), gets
     * the Java 17 options of {@code env.java.opts.all} and {@code env.java.opts.client}, and sees the
     * cluster's environment variables plus {@code environment}. With {@code flink run} the job's
     * {@code main} runs in this process.
     *
     * @return exit code and everything printed (stdout and stderr)
     */
    public CliResult flink(List<String> args, Map<String, String> extraEnvironment, Duration timeout) {
        String name = "flink-cli-" + (++cliCounter);
        Map<String, String> env = new LinkedHashMap<>(extraEnvironment);
        env.put("FLINK_CONF_DIR", configDir.toString());
        ManagedProcess p = launch(name, javaOpts("env.java.opts.client"), CLI_MAIN, args, env);
        try {
            if (!p.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.process().destroyForcibly();
                throw new IllegalStateException("flink " + String.join(" ", args.subList(0, 1)) + " did not finish in "
                        + timeout.toSeconds() + "s; output in " + logDir.resolve(name + ".out"));
            }
            return new CliResult(p.process().exitValue(), Files.readString(logDir.resolve(name + ".out")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.process().destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running flink " + args, e);
        }
    }

    // ------------------------------------------------------------------ class loaders

    /** Whether {@link #retainedJobClassLoaders()} can work: the JDK's {@code jcmd} is there. */
    public boolean canInspectProcesses() {
        return Files.isExecutable(jcmd());
    }

    /**
     * Job class loaders (Flink's {@code ChildFirstClassLoader}, one per jar run and per job) that
     * the JobManager and each live TaskManager still hold after a full garbage collection, by
     * process name. Read with {@code jcmd <pid> GC.run} and {@code GC.class_histogram}. Once jobs
     * have ended their class loaders should be gone; ones that stay are leaks that cost metaspace
     * with every submission.
     */
    public Map<String, Integer> retainedJobClassLoaders() {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<ManagedProcess> processes = new ArrayList<>();
        if (jobManager != null && jobManager.process().isAlive()) {
            processes.add(jobManager);
        }
        taskManagers.stream().filter(tm -> tm.process().isAlive()).forEach(processes::add);
        for (ManagedProcess p : processes) {
            String pid = String.valueOf(p.process().pid());
            jcmdOutput(pid, "GC.run");
            int count = 0;
            for (String line : jcmdOutput(pid, "GC.class_histogram").split("\n")) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length >= 4 && cols[3].equals("org.apache.flink.util.ChildFirstClassLoader")) {
                    count = Integer.parseInt(cols[1]);
                }
            }
            out.put(p.name(), count);
        }
        return out;
    }

    private Path jcmd() {
        return javaExecutable.resolveSibling("jcmd");
    }

    private String jcmdOutput(String pid, String command) {
        try {
            Process p = new ProcessBuilder(jcmd().toString(), pid, command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ accessors

    /** Base URL of the REST API and web UI, e.g. {@code http://localhost:40123}. */
    public String restUrl() {
        return rest.baseUrl();
    }

    public int restPort() {
        return restPort;
    }

    /** The effective configuration written to {@code config.yaml} (flat keys). */
    public Map<String, String> configuration() {
        return Map.copyOf(configuration);
    }

    /** Working directory: conf/, log/, checkpoints/, savepoints/, tmp/. */
    public Path workDir() {
        return workDir;
    }

    public Path configDir() {
        return configDir;
    }

    /** The cluster's default checkpoint storage ({@code execution.checkpointing.dir}). */
    public Path checkpointDir() {
        return workDir.resolve("checkpoints");
    }

    /** The default savepoint directory ({@code execution.checkpointing.savepoint-dir}). */
    public Path savepointDir() {
        return workDir.resolve("savepoints");
    }

    /** Logs: {@code <name>.log} (log4j), {@code <name>.out} (stdout and stderr), {@code <name>.cmd} per process. */
    public Path logDir() {
        return logDir;
    }

    /** The cluster's classpath entries (Flink and logging only). */
    public List<String> classpathEntries() {
        return Arrays.asList(classpath.split(File.pathSeparator));
    }

    /** The last lines of every process log, for failure messages. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out"))
                    .sorted().toList()) {
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                out.append("==> ").append(file).append(" <==\n");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException | UncheckedIOException e) {
            out.append("(cannot read logs: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ internals

    private List<String> javaOpts(String roleKey) {
        List<String> opts = new ArrayList<>();
        String all = configuration.get("env.java.opts.all");
        opts.addAll(all == null || all.isBlank() ? DEFAULT_JAVA_OPTS : splitWords(all));
        String role = configuration.get(roleKey);
        if (role != null) {
            opts.addAll(splitWords(role));
        }
        return opts;
    }

    private static List<String> splitWords(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Runs BashJavaUtils like Flink's scripts: result line 1 = JVM memory flags, line 2 = "-D key=value" pairs. */
    private List<List<String>> resourceParams(String command) {
        List<String> cmd = List.of(javaExecutable.toString(), "-cp", classpath, BASH_JAVA_UTILS, command,
                "--configDir", configDir.toString());
        Path out = logDir.resolve("bash-java-utils-" + command.toLowerCase(Locale.ROOT) + ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("BashJavaUtils " + command + " did not finish in 60s");
            }
            List<String> results = Files.readAllLines(out).stream()
                    .filter(l -> l.startsWith(BASH_RESULT_PREFIX))
                    .map(l -> l.substring(BASH_RESULT_PREFIX.length()))
                    .toList();
            if (p.exitValue() != 0 || results.size() < 2) {
                throw new IllegalStateException("BashJavaUtils " + command + " failed (exit " + p.exitValue() + "):\n"
                        + Files.readString(out));
            }
            return List.of(splitWords(results.get(results.size() - 2)), splitWords(results.get(results.size() - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run BashJavaUtils " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ManagedProcess launch(String name, List<String> jvmArgs, String mainClass, List<String> args) {
        return launch(name, jvmArgs, mainClass, args, Map.of());
    }

    private ManagedProcess launch(String name, List<String> jvmArgs, String mainClass, List<String> args,
            Map<String, String> extraEnvironment) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + log4jConfig.toUri());
        cmd.add("-Dconsole.log.level=WARN");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Files.writeString(logDir.resolve(name + ".cmd"),
                    String.join(" ", cmd).replace(classpath, "<cluster classpath>") + "\n");
            ProcessBuilder builder = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".out").toFile()));
            builder.environment().putAll(environment);
            builder.environment().putAll(extraEnvironment);
            return new ManagedProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    private static String readClasspath() throws IOException {
        String file = System.getProperty(CLASSPATH_FILE_PROPERTY);
        Path path = file != null ? Path.of(file) : Path.of("target", "cluster-classpath.txt");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("The Flink cluster classpath file " + path.toAbsolutePath()
                    + " is missing; `mvn generate-test-resources` writes it (maven-dependency-plugin, "
                    + "execution cluster-classpath)");
        }
        String cp = Files.readString(path).trim();
        if (!cp.contains("flink-runtime") || !cp.contains("flink-rpc-akka-loader")) {
            throw new IllegalStateException("The cluster classpath in " + path
                    + " lacks flink-runtime or flink-rpc-akka-loader");
        }
        return cp;
    }

    private static void writeConfig(Path file, Map<String, String> configuration) throws IOException {
        YAMLMapper mapper = YAMLMapper.builder().disable(YAMLGenerator.Feature.SPLIT_LINES).build();
        StringBuilder yaml = new StringBuilder("# Written by StandaloneFlinkCluster; flat keys are valid Flink 2.x YAML.\n");
        for (Map.Entry<String, String> e : configuration.entrySet()) {
            String value = mapper.writeValueAsString(e.getValue()).replaceFirst("^---\\s*", "").trim();
            yaml.append(e.getKey()).append(": ").append(value).append('\n');
        }
        Files.writeString(file, yaml.toString());
    }

    /** A Flink config.yaml, nested or flat, as flat dotted keys (lists joined with ';'). */
    static Map<String, String> flattenYaml(Path yaml) throws IOException {
        Map<String, String> flat = new LinkedHashMap<>();
        JsonNode root = new YAMLMapper().readTree(yaml.toFile());
        if (root != null) {
            flatten("", root, flat);
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            out.put(prefix, String.join(";", items));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: the directory lives under target/ or the temp directory
        }
    }

    private record ManagedProcess(String name, Process process) {
    }

    /** Configures and starts a {@link StandaloneFlinkCluster}. */
    public static final class Builder {
        private Path baseConfig;
        private Path logConfig;
        private Path workDir;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> removedPrefixes = new ArrayList<>();
        private int taskManagers = 1;
        private int slots = 2;
        private String taskManagerProcessSize = "1280m";
        private String jobManagerProcessSize = "1024m";
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration heartbeatTimeout = Duration.ofSeconds(5);
        private Duration startupTimeout = Duration.ofSeconds(90);
        private boolean deleteOnClose;

        private Builder() {
        }

        /** A Flink {@code config.yaml} (nested or flat) to start from, e.g. the project's {@code conf/config.yaml}. */
        public Builder baseConfig(Path configYaml) {
            this.baseConfig = configYaml;
            return this;
        }

        /** A log4j2 properties file for the processes (default: INFO to one file per process). */
        public Builder logConfig(Path log4jProperties) {
            this.logConfig = log4jProperties;
            return this;
        }

        /** Working directory; default a new directory under {@code target/flink-cluster/}. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Sets a configuration key; wins over the base config and the harness's own settings. */
        public Builder set(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Drops every key of the base config that starts with this prefix (e.g. {@code metrics.reporter.}). */
        public Builder removeKeysStartingWith(String prefix) {
            removedPrefixes.add(prefix);
            return this;
        }

        /**
         * An environment variable of the JobManager and TaskManager processes. A jar run over REST
         * executes its main method in the JobManager, so this is how a job there sees e.g.
         * {@code JDBC_URL}, as in a container with that environment.
         */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** TaskManagers to start with (default 1). */
        public Builder taskManagers(int count) {
            this.taskManagers = count;
            return this;
        }

        /** Slots per TaskManager (default 2). */
        public Builder slots(int slotsPerTaskManager) {
            this.slots = slotsPerTaskManager;
            return this;
        }

        /** {@code taskmanager.memory.process.size} (default 1280m). */
        public Builder taskManagerProcessSize(String size) {
            this.taskManagerProcessSize = size;
            return this;
        }

        /** {@code jobmanager.memory.process.size} (default 1024m). */
        public Builder jobManagerProcessSize(String size) {
            this.jobManagerProcessSize = size;
            return this;
        }

        /** Heartbeats; a killed TaskManager is noticed after about two intervals, at most {@code timeout} (default 1s / 5s). */
        public Builder heartbeat(Duration interval, Duration timeout) {
            this.heartbeatInterval = interval;
            this.heartbeatTimeout = timeout;
            return this;
        }

        /** Longest wait for the cluster, or a new TaskManager, to be ready (default 90s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** Delete the working directory on close (default: keep it for debugging). */
        public Builder deleteOnClose(boolean delete) {
            this.deleteOnClose = delete;
            return this;
        }

        /**
         * Writes the configuration, starts the JobManager and the TaskManagers and waits until the
         * REST API lists them all.
         */
        public StandaloneFlinkCluster start() throws IOException {
            Path dir = (workDir != null ? workDir : defaultWorkDir()).toAbsolutePath().normalize();
            // plugins/ in the processes' working directory is where Flink looks for plugins
            for (String sub : List.of("tmp", "web-upload", "web-tmp", "checkpoints", "savepoints", "plugins")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Map<String, String> conf = new LinkedHashMap<>();
            if (baseConfig != null) {
                flattenYaml(baseConfig).forEach((k, v) -> {
                    if (removedPrefixes.stream().noneMatch(k::startsWith)) {
                        conf.put(k, v);
                    }
                });
            }
            int restPort = freePort();
            conf.putIfAbsent("parallelism.default", "1");
            conf.put("jobmanager.rpc.address", "localhost");
            conf.put("jobmanager.rpc.port", String.valueOf(freePort()));
            conf.put("jobmanager.bind-host", "localhost");
            conf.put("taskmanager.bind-host", "localhost");
            conf.put("taskmanager.host", "localhost");
            conf.put("taskmanager.rpc.port", "0");
            conf.put("taskmanager.data.port", "0");
            conf.put("blob.server.port", "0");
            conf.put("rest.address", "localhost");
            conf.put("rest.bind-address", "localhost");
            conf.put("rest.port", String.valueOf(restPort));
            conf.put("taskmanager.numberOfTaskSlots", String.valueOf(slots));
            conf.put("taskmanager.memory.process.size", taskManagerProcessSize);
            conf.put("jobmanager.memory.process.size", jobManagerProcessSize);
            conf.put("heartbeat.interval", heartbeatInterval.toMillis() + "ms");
            conf.put("heartbeat.timeout", heartbeatTimeout.toMillis() + "ms");
            conf.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
            conf.put("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
            conf.put("io.tmp.dirs", dir.resolve("tmp").toString());
            conf.put("web.upload.dir", dir.resolve("web-upload").toString());
            conf.put("web.tmpdir", dir.resolve("web-tmp").toString());
            conf.putAll(overrides);
            StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(this, dir, conf, restPort);
            try {
                cluster.startProcesses(taskManagers);
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }

        private static Path defaultWorkDir() throws IOException {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                return target.resolve("flink-cluster").resolve(stamp);
            }
            return Files.createTempDirectory("flink-cluster-" + stamp);
        }
    }
}
