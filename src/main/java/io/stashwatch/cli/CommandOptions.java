package io.stashwatch.cli;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import io.stashwatch.config.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Builds a picocli command whose options are exactly a list of {@link Option}s (each as
 * {@code --name value}) plus {@code --config FILE} and {@code --help}, and turns a parse result into
 * a {@link Config} (CLI > environment > file > default).
 */
final class CommandOptions {
    static final String CONFIG_FLAG = "--config";

    private final String name;
    private final List<Option<?>> options;
    private final Map<String, String[]> aliases;

    CommandOptions(String name, List<Option<?>> options, Map<String, String[]> aliases) {
        this.name = name;
        this.options = List.copyOf(options);
        this.aliases = Map.copyOf(aliases);
    }

    List<Option<?>> options() {
        return options;
    }

    CommandSpec spec(String description) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.usageMessage().description(description).sortOptions(false);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
        spec.addOption(OptionSpec.builder(CONFIG_FLAG).paramLabel("FILE").type(String.class)
                .description("YAML file with options (e.g. conf/stashwatch.yaml); the command line and the "
                        + "environment win over it.")
                .build());
        for (Option<?> o : options) {
            List<String> names = new ArrayList<>();
            names.add(o.flag());
            for (String alias : aliases.getOrDefault(o.name(), new String[0])) {
                names.add(alias);
            }
            String dflt = o.secret() ? "" : o.defaultText();
            String doc = o.doc() + " Env " + o.envName() + "." + (dflt.isEmpty() ? "" : " Default: " + dflt + ".");
            spec.addOption(OptionSpec.builder(names.toArray(new String[0]))
                    .paramLabel("<" + o.type().describe().replace(' ', '-') + ">")
                    .type(String.class)
                    .arity("1")
                    .description(doc)
                    .build());
        }
        return spec;
    }

    /** The configuration a parse result asks for. */
    Config config(ParseResult parsed, Map<String, String> environment) {
        Map<String, String> cli = new LinkedHashMap<>();
        for (Option<?> o : options) {
            if (parsed.hasMatchedOption(o.flag())) {
                cli.put(o.name(), parsed.matchedOptionValue(o.flag(), ""));
            }
        }
        Config.Builder b = Config.builder().allowed(options).env(environment).cli(cli);
        String file = parsed.matchedOptionValue(CONFIG_FLAG, null);
        if (file == null) {
            file = environment.get("STASHWATCH_CONFIG");
        }
        if (file != null && !file.isBlank()) {
            b.file(Path.of(file));
        }
        return b.build();
    }

    static boolean helpRequested(ParseResult parsed) {
        return parsed.isUsageHelpRequested();
    }

    static String usage(CommandLine cl) {
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    static ConfigException unknownOption(String message) {
        return new ConfigException(message);
    }
}
