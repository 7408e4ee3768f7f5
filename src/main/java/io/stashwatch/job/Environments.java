package io.stashwatch.job;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink settings derived from stashwatch options: checkpoints (retained in {@code state.dir}, resumed
 * from the newest), state backend, restarts with exponential backoff (a database or API outage
 * restarts the job from its last checkpoint until the outage is over), object reuse, no Kryo, and a
 * 10 ms network buffer timeout (alert latency).
 */
public final class Environments {
    /** How long a network buffer waits to fill before it is sent anyway (Flink's default is 100 ms). */
    public static final Duration BUFFER_TIMEOUT = Duration.ofMillis(10);

    private Environments() {
    }

    /** Parallelism of the keyed operators. */
    public static int parallelism(Config config) {
        int p = config.get(Options.PARALLELISM);
        return p > 0 ? p : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The job settings. On a cluster ({@code local == false}) settings left at their defaults
     * (parallelism 0, state backend) defer to the cluster's own configuration.
     */
    public static Configuration jobConfiguration(Config config, boolean local) {
        Configuration conf = new Configuration();
        Duration interval = config.get(Options.CHECKPOINT_INTERVAL);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(Math.min(1000, interval.toMillis() / 2)));
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
        if (local || !"default".equals(config.sourceOf(Options.STATE_BACKEND))) {
            conf.set(StateBackendOptions.STATE_BACKEND, config.get(Options.STATE_BACKEND));
            if ("rocksdb".equals(config.get(Options.STATE_BACKEND))) {
                conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            }
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, Duration.ofMinutes(5));
        // Output buffers are shipped when full or after this long: Flink's 100 ms per network hop adds
        // up over the job's three shuffles (page fetched -> alert visible p99 481 ms at 100 ms, 105 ms
        // at 10 ms; docs/benchmarks-latency.md).
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (local || config.get(Options.PARALLELISM) > 0) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism(config));
        }
        String stateDir = config.get(Options.STATE_DIR);
        if (stateDir != null) {
            String uri = stateUri(stateDir);
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, uri + "/checkpoints");
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, uri + "/savepoints");
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        }
        return conf;
    }

    /** A local path becomes a file:// URI; URIs (s3://, hdfs://, file://) are kept. */
    public static String stateUri(String stateDir) {
        if (stateDir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return stateDir.replaceAll("/+$", "");
        }
        return Path.of(stateDir).toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", "");
    }

    /** The newest complete checkpoint or savepoint in a local {@code state.dir}, to resume from. */
    public static Optional<Path> resumePoint(Config config) {
        String stateDir = config.get(Options.STATE_DIR);
        if (stateDir == null || stateDir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !stateDir.startsWith("file:")) {
            return Optional.empty();
        }
        Path dir = stateDir.startsWith("file:") ? Path.of(java.net.URI.create(stateDir)) : Path.of(stateDir);
        return new StateDirectory(dir).latest();
    }

    /** A local MiniCluster environment with the web UI on {@code web.port}, resuming from state.dir. */
    public static StreamExecutionEnvironment local(Config config, int slots) {
        Configuration conf = localConfiguration(config, slots);
        int port = config.get(Options.WEB_PORT);
        conf.set(RestOptions.BIND_PORT, String.valueOf(port));
        conf.set(RestOptions.PORT, port);
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
    }

    /**
     * The settings of a local MiniCluster run: the job settings, enough task slots, the resume point
     * in state.dir, and, without state.dir, checkpoints in a temporary directory deleted when the JVM
     * exits. Flink's default without a checkpoint directory keeps checkpoints in the JobManager's
     * memory, which refuses any state over 5 MB: the job would fail every checkpoint once a few
     * thousand stashes are live and restart endlessly.
     */
    public static Configuration localConfiguration(Config config, int slots) {
        Configuration conf = jobConfiguration(config, true);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(slots, parallelism(config)));
        if (config.get(Options.STATE_DIR) == null) {
            Path dir = TemporaryDirectories.create("stashwatch-checkpoints");
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, dir.resolve("savepoints").toUri().toString());
        }
        resumePoint(config).ifPresent(p -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));
        return conf;
    }

    /** The cluster's environment ({@code flink run}), with the job settings applied on top. */
    public static StreamExecutionEnvironment cluster(Config config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(jobConfiguration(config, false));
        return env;
    }
}
