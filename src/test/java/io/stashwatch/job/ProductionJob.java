package io.stashwatch.job;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import io.stashwatch.db.EmbeddedDatabase;
import io.stashwatch.sink.PostgresSinks;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Submits the production job ({@link JobFactory#create} with {@link PostgresSinks}) to the test's
 * MiniCluster, with the settings a local run derives from the options ({@link Environments}); only
 * the restart backoff is shortened so tests with many failures stay quick.
 */
final class ProductionJob {
    private ProductionJob() {
    }

    static Config config(Map<String, String> options, String jdbcUrl) {
        return Config.builder().cli(options)
                .cli(Options.JDBC_URL.name(), jdbcUrl)
                .cli(Options.JDBC_USER.name(), EmbeddedDatabase.USER)
                .build();
    }

    /**
     * @param wrap wraps the production sinks (e.g. to inject failures); identity for the plain job
     */
    static JobClient submit(Config config, UnaryOperator<JobSinks> wrap, String name) throws Exception {
        Configuration conf = Environments.jobConfiguration(config, true);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofMillis(100));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMillis(800));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(Environments.parallelism(config));
        JobFactory.create(config, wrap.apply(PostgresSinks.fromConfig(config))).build(env);
        return env.executeAsync(name);
    }
}
