package io.stashwatch.cli;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import io.stashwatch.config.Option;
import io.stashwatch.config.Options;
import io.stashwatch.db.DatabaseCheck;
import io.stashwatch.db.Migrations;
import io.stashwatch.job.ClassLoaderRelease;
import io.stashwatch.job.Environments;
import io.stashwatch.job.JobFactory;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.simulator.market.MarketFeed;
import io.stashwatch.simulator.market.MarketSettings;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import io.stashwatch.sink.PostgresSinks;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code run}: the job against the PoE API (or any compatible server) on a local MiniCluster, or, when
 * submitted with {@code flink run}, on the cluster. {@code demo}: the same with the built-in
 * simulator and the embedded database as defaults.
 */
final class RunCommand implements Command {
    private final boolean demo;
    private final boolean onCluster;

    RunCommand(boolean demo, boolean onCluster) {
        this.demo = demo;
        this.onCluster = onCluster;
    }

    @Override
    public String name() {
        return demo ? "demo" : "run";
    }

    @Override
    public String description() {
        return demo
                ? "Run the job against the built-in PoE API simulator into the embedded database."
                : "Run the job against the PoE API (or any PoE-compatible server) on a local Flink MiniCluster; "
                        + "with `flink run` (no command) on the cluster.";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> list = new ArrayList<>();
        for (Option<?> o : Options.all()) {
            if (!o.group().equals("bench") && (demo || !o.group().equals("sim"))) {
                list.add(o);
            }
        }
        return list;
    }

    /** Defaults of the demo that differ from a live run: a short river in seconds, windows in pages. */
    static Map<Option<?>, String> demoDefaults() {
        Map<Option<?>, String> d = new LinkedHashMap<>();
        d.put(Options.POE_START_CHANGE_ID, "beginning");
        d.put(Options.DETECT_WINDOW, "120s");
        d.put(Options.DETECT_SLIDE, "10s");
        d.put(Options.CHECKPOINT_INTERVAL, "5s");
        d.put(Options.ARROW_ROLL, "1m");
        return d;
    }

    @Override
    public int execute(Config config, PrintStream out, PrintStream err) throws Exception {
        if (onCluster) {
            return submit(config, out);
        }
        if (!demo) {
            return new LocalRun(config, out, err, "run").execute();
        }
        MarketSettings market = MarketSettings.fromConfig(config);
        try (SimulatorServer simulator = new SimulatorServer(SimulatorSettings.fromConfig(config),
                new MarketFeed(market)).start()) {
            Map<Option<?>, String> defaults = new LinkedHashMap<>(simulator.clientDefaults());
            defaults.putAll(demoDefaults());
            Config effective = config.withDefaults(defaults);
            out.println("PoE API simulator on " + simulator.baseUrl() + " (seed " + config.get(Options.SIM_SEED) + ", "
                    + (market.pages() < 0 ? "endless river" : market.pages() + " pages") + ", a page every "
                    + config.get(Options.SIM_PACE).toMillis() + " ms)");
            LocalRun run = new LocalRun(effective, out, err, "demo");
            String start = effective.get(Options.POE_START_CHANGE_ID);
            if (!start.equalsIgnoreCase("head")) {
                run.reuseEpochOf(start.equalsIgnoreCase("beginning") ? "" : start);
            }
            return run.execute();
        }
    }

    /**
     * Builds the job on the cluster's environment and submits it detached. Runs where {@code main}
     * runs: in the {@code flink run} client, or inside the JobManager for a jar run over REST. The
     * database is checked and migrated from there, as a local run does, so a new database needs no
     * preparation beyond creating it.
     */
    private static int submit(Config config, PrintStream out) throws Exception {
        String url = config.get(Options.JDBC_URL);
        if (url == null) {
            throw new ConfigException("jdbc.url is required on a cluster (there is no embedded database there)");
        }
        PoeSettings.fromConfig(config);
        try {
            Class.forName("org.postgresql.Driver");
            int applied = Migrations.apply(url, config.get(Options.JDBC_USER), config.get(Options.JDBC_PASSWORD));
            if (applied > 0) {
                out.println("Applied " + applied + " schema migration(s) to " + DatabaseCheck.redact(url));
            }
        } finally {
            // this class loader is dropped once main returns; a registered driver would keep it alive
            ClassLoaderRelease.run();
        }
        StreamExecutionEnvironment env = Environments.cluster(config);
        JobFactory.create(config, PostgresSinks.fromConfig(config)).build(env);
        env.executeAsync("stashwatch");
        out.println("stashwatch submitted");
        return 0;
    }
}
