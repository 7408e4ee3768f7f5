package io.stashwatch.cli;

import io.stashwatch.config.Config;
import io.stashwatch.config.Option;
import io.stashwatch.config.Options;
import io.stashwatch.simulator.market.MarketFeed;
import io.stashwatch.simulator.market.MarketSettings;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code simulate}: the PoE-compatible simulator alone, until Ctrl-C. */
final class SimulateCommand implements Command {

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String description() {
        return "Serve the simulated PoE API (river, OAuth, Currency Exchange, leagues) until Ctrl-C.";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> list = new ArrayList<>(Options.inGroups("sim"));
        list.add(Options.POE_CLIENT_ID);
        list.add(Options.POE_CLIENT_SECRET);
        return list;
    }

    @Override
    public Map<String, String[]> aliases() {
        return Map.of(Options.SIM_PORT.name(), new String[] {"--port"}, Options.SIM_SEED.name(), new String[] {"--seed"});
    }

    @Override
    public int execute(Config config, PrintStream out, PrintStream err) throws Exception {
        MarketSettings market = MarketSettings.fromConfig(config);
        SimulatorServer server = new SimulatorServer(SimulatorSettings.fromConfig(config), new MarketFeed(market)).start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "simulator-shutdown"));
        out.println("PoE API simulator on " + server.baseUrl() + " (listening on " + config.get(Options.SIM_HOST)
                + ", seed " + config.get(Options.SIM_SEED) + ", "
                + (market.pages() < 0 ? "endless river" : market.pages() + " pages") + ")");
        out.println("  --poe.api-url " + server.baseUrl() + " --poe.token-url " + server.tokenUrl()
                + " --poe.head-url " + server.headUrl());
        out.println("  client id " + server.settings().clientId() + " (secret: the demo secret unless "
                + "poe.client-secret is set). Ctrl-C stops.");
        stop.await();
        return 0;
    }
}
