package io.stashwatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.entrypoint.ClusterEntrypoint;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code conf/config.yaml} is read the way a Flink 2.3 cluster reads it, every key is one Flink
 * knows (a typo would be ignored silently by Flink), the settings stashwatch's operations rely on
 * are there, and the memory sizes give a valid JobManager and TaskManager layout. The file is also
 * used for real by {@code StandaloneFlinkClusterIT}.
 */
class ClusterConfigTest {
    private static final Path CONF_DIR = Path.of("conf");
    /** Reporters that ship as plugins in the official Flink image. */
    private static final Set<String> IMAGE_REPORTERS = Set.of(
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
            "org.apache.flink.metrics.jmx.JMXReporterFactory",
            "org.apache.flink.metrics.slf4j.Slf4jReporterFactory");
    /** Keys under metrics.reporter.&lt;name&gt;. (generic ones and those of the image's reporters). */
    private static final Set<String> REPORTER_KEYS = Set.of("factory.class", "interval", "scope.delimiter",
            "scope.variables.excludes", "scope.variables.additional", "filter.includes", "filter.excludes", "port",
            "host", "filterLabelValueCharacters");

    private static Map<String, String> nested;
    private static Configuration flink;

    @BeforeAll
    static void load() throws IOException {
        nested = flatten(new YAMLMapper().readTree(CONF_DIR.resolve("config.yaml").toFile()));
        flink = GlobalConfiguration.loadConfiguration(CONF_DIR.toString());
    }

    @Test
    void flinkReadsEveryKeyOfTheFile() {
        assertThat(nested).isNotEmpty();
        assertThat(flink.keySet()).containsExactlyInAnyOrderElementsOf(nested.keySet());
    }

    @Test
    void everyKeyIsAFlinkOption() throws Exception {
        Set<String> known = knownFlinkKeys();
        List<String> unknown = new ArrayList<>();
        for (String key : nested.keySet()) {
            if (key.startsWith("metrics.reporter.")) {
                String rest = key.substring("metrics.reporter.".length());
                String option = rest.substring(rest.indexOf('.') + 1);
                if (!REPORTER_KEYS.contains(option)) {
                    unknown.add(key);
                }
            } else if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        assertThat(unknown).as("keys Flink does not know (it would ignore them)").isEmpty();
    }

    @Test
    void checkpointsAreRetainedIncrementalAndOnSharedStorage() {
        assertThat(flink.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isNotNull()
                .isGreaterThan(Duration.ZERO);
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("file:///flink-data/");
        assertThat(flink.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).startsWith("file:///flink-data/");
        assertThat(flink.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isGreaterThanOrEqualTo(2);
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(flink.get(RocksDBOptions.USE_MANAGED_MEMORY)).isTrue();
    }

    @Test
    void restartsWithExponentialBackoff() {
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isGreaterThan(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF));
    }

    @Test
    void metricsGoToAReporterOfTheImage() {
        List<String> factories = nested.entrySet().stream()
                .filter(e -> e.getKey().matches("metrics\\.reporter\\.[^.]+\\.factory\\.class"))
                .map(Map.Entry::getValue).toList();
        assertThat(factories).isNotEmpty().allMatch(IMAGE_REPORTERS::contains);
    }

    @Test
    void memorySizesGiveValidProcessLayouts() {
        TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(flink);
        assertThat(tm.getTaskHeapSize()).isGreaterThan(MemorySize.parse("256m"));
        assertThat(tm.getManagedMemorySize()).as("RocksDB memory").isGreaterThan(MemorySize.parse("256m"));
        JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(flink);
        assertThat(jm.getJvmHeapMemorySize()).isGreaterThan(MemorySize.parse("256m"));
        assertThat(flink.get(TaskManagerOptions.NUM_TASK_SLOTS)).isBetween(1, 4);
        assertThat(flink.get(CoreOptions.DEFAULT_PARALLELISM))
                .isLessThanOrEqualTo(flink.get(TaskManagerOptions.NUM_TASK_SLOTS));
    }

    @Test
    void javaOptionsOpenWhatTheBuildOpens() throws IOException {
        List<String> opts = Arrays.asList(flink.get(CoreOptions.FLINK_JVM_OPTIONS).trim().split("\\s+"));
        assertThat(opts).contains("--add-opens=java.base/java.util=ALL-UNNAMED");
        Matcher m = Pattern.compile("<jvm\\.opens>([^<]+)</jvm\\.opens>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        List<String> buildOpens = Arrays.stream(m.group(1).trim().split("\\s+")).toList();
        assertThat(opts).as("every opening the tests and the jar manifest need").containsAll(buildOpens);
    }

    @Test
    void logConfigurationHasConsoleAndFileAppenders() throws IOException {
        String log4j = Files.readString(CONF_DIR.resolve("log4j-console.properties"));
        assertThat(log4j).contains("appender.console.type = CONSOLE")
                .contains("appender.rolling.fileName = ${sys:log.file}")
                .contains("logger.stashwatch.name = io.stashwatch");
    }

    // ------------------------------------------------------------------ helpers

    /** Every key (and deprecated fallback key) of the ConfigOptions declared in Flink's *Options classes. */
    private static Set<String> knownFlinkKeys() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (Class<?> anchor : List.of(CoreOptions.class, ClusterEntrypoint.class, RocksDBOptions.class,
                PackagedProgram.class)) {
            Path jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry e : java.util.Collections.list(file.entries())) {
                    String name = e.getName();
                    if (name.endsWith("Options.class") && !name.contains("$")) {
                        addKeys(name.substring(0, name.length() - ".class".length()).replace('/', '.'), keys);
                    }
                }
            }
        }
        assertThat(keys).as("option scan found Flink's options").contains("state.backend.type", "rest.port");
        return keys;
    }

    private static void addKeys(String className, Set<String> keys) {
        Class<?> c;
        try {
            c = Class.forName(className, false, ClusterConfigTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    f.setAccessible(true);
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    keys.add(option.key());
                    for (FallbackKey k : option.fallbackKeys()) {
                        keys.add(k.getKey());
                    }
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    // a class that cannot be initialised here declares no option we use
                }
            }
        }
    }

    /** Nested YAML mappings as flat dotted keys (lists joined with ';'), as Flink reads them. */
    static Map<String, String> flatten(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(";", items));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }
}
