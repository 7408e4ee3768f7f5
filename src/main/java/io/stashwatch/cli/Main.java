package io.stashwatch.cli;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of {@code stashwatch.jar}: {@code run}, {@code demo}, {@code simulate}, {@code db},
 * {@code bench}. Submitted with {@code flink run stashwatch.jar [options]} (no subcommand, or
 * {@code run}) it builds the job on the cluster's environment and returns at once.
 */
public final class Main {
    /** Exit code for bad input or configuration. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a failure at run time (database, API, job). */
    public static final int EXIT_FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        if (!onCluster()) {
            System.exit(run(args, System.out, System.err, System.getenv(), false));
        }
        // In a Flink client or JobManager: never exit the JVM, and fail with the error itself, which
        // `flink run` prints and a REST submission (web UI, POST /jars/<id>/run) returns.
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new Tee(System.err, errors), true, StandardCharsets.UTF_8);
        int code = run(args, System.out, err, System.getenv(), true);
        err.flush();
        if (code != 0) {
            String message = errors.toString(StandardCharsets.UTF_8).strip();
            throw new UserFacingException(message.isEmpty() ? "stashwatch failed to start (exit code " + code + ")"
                    : message);
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }

    /** True when running inside a Flink client or JobManager context ({@code flink run}, REST). */
    static boolean onCluster() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
    }

    static List<Command> commands(boolean onCluster) {
        return Commands.all(onCluster);
    }

    /** Parses and runs; returns the exit code. Never calls System.exit (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
            boolean onCluster) {
        List<Command> commands = commands(onCluster);
        String[] effective = args;
        if (args.length == 0 || args[0].startsWith("-") && !args[0].equals("-h") && !args[0].equals("--help")) {
            if (!onCluster && args.length == 0) {
                err.print(mainUsage(commands));
                return EXIT_USAGE;
            }
            List<String> withRun = new ArrayList<>();
            withRun.add("run");
            withRun.addAll(Arrays.asList(args));
            effective = withRun.toArray(new String[0]);
        }
        if (effective[0].equals("-h") || effective[0].equals("--help") || effective[0].equals("help")) {
            out.print(mainUsage(commands));
            return 0;
        }
        Command command = null;
        for (Command c : commands) {
            if (c.name().equals(effective[0])) {
                command = c;
            }
        }
        if (command == null) {
            err.println("stashwatch: unknown command '" + effective[0] + "'. Commands: " + names(commands)
                    + ". Try --help.");
            return EXIT_USAGE;
        }
        CommandOptions options = new CommandOptions(command.name(), command.options(), command.aliases());
        CommandLine cl = new CommandLine(options.spec(command.description()));
        cl.setCommandName("stashwatch " + command.name());
        String[] rest = Arrays.copyOfRange(effective, 1, effective.length);
        Config config;
        try {
            ParseResult parsed = cl.parseArgs(rest);
            if (CommandOptions.helpRequested(parsed)) {
                out.print(CommandOptions.usage(cl));
                return 0;
            }
            config = options.config(parsed, env);
        } catch (CommandLine.UnmatchedArgumentException e) {
            err.println("stashwatch " + command.name() + ": " + unknown(e, command) + " (see --help)");
            return EXIT_USAGE;
        } catch (CommandLine.ParameterException e) {
            err.println("stashwatch " + command.name() + ": " + firstLine(e.getMessage()) + " (see --help)");
            return EXIT_USAGE;
        } catch (ConfigException e) {
            err.println("stashwatch " + command.name() + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        try {
            return command.execute(config, out, err);
        } catch (ConfigException e) {
            err.println("stashwatch " + command.name() + ": " + e.getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            err.println("stashwatch " + command.name() + ": " + Failures.describe(e));
            return EXIT_FAILURE;
        }
    }

    /** "Unknown option --x (did you mean --y?)" for the first unknown argument. */
    private static String unknown(CommandLine.UnmatchedArgumentException e, Command command) {
        String arg = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
        if (!arg.startsWith("-")) {
            return "unexpected argument '" + arg + "'";
        }
        String name = arg.replaceFirst("^-+", "").replaceFirst("=.*$", "");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (io.stashwatch.config.Option<?> o : command.options()) {
            int d = editDistance(name, o.name());
            if (d < bestDistance) {
                bestDistance = d;
                best = o.name();
            }
        }
        return "Unknown option " + arg + (best != null && bestDistance <= 3 ? " (did you mean --" + best + "?)" : "");
    }

    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
            }
        }
        return d[a.length()][b.length()];
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid arguments";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s.trim() : s.substring(0, nl).trim();
    }

    private static String names(List<Command> commands) {
        List<String> names = new ArrayList<>();
        for (Command c : commands) {
            names.add(c.name());
        }
        return String.join(", ", names);
    }

    private static String mainUsage(List<Command> commands) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Command c : commands) {
            rows.put(c.name(), c.description());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: stashwatch <command> [--option value ...] [--config FILE]\n\n");
        sb.append("Real-time market watcher for the Path of Exile public stash river.\n");
        sb.append("This product isn't affiliated with or endorsed by Grinding Gear Games in any way.\n\n");
        sb.append("Commands:\n");
        for (Map.Entry<String, String> e : rows.entrySet()) {
            sb.append(String.format("  %-9s %s%n", e.getKey(), e.getValue()));
        }
        sb.append("\nEvery option is also an environment variable (poe.client-id -> POE_CLIENT_ID) and a key of\n");
        sb.append("the --config YAML file. 'stashwatch <command> --help' lists a command's options.\n");
        return sb.toString();
    }
}
