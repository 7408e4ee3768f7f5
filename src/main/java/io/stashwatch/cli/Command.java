package io.stashwatch.cli;

import io.stashwatch.config.Config;
import io.stashwatch.config.Option;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** One subcommand of {@code stashwatch}: its options and what it does with the resolved config. */
interface Command {

    String name();

    String description();

    /** Options this command accepts, each as {@code --name value}. */
    List<Option<?>> options();

    /** Extra spellings of options, e.g. {@code --port} for {@code sim.port}. */
    default Map<String, String[]> aliases() {
        return Map.of();
    }

    /**
     * Runs the command.
     *
     * @return the process exit code (0 ok, 1 runtime failure, 2 bad input or configuration)
     */
    int execute(Config config, PrintStream out, PrintStream err) throws Exception;
}
