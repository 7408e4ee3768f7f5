package io.stashwatch.config;

import java.util.List;

/**
 * Renders the option table of the README and the commented {@code conf/stashwatch.yaml} from
 * {@link Options}, so documentation cannot drift from the code (a test compares them).
 */
public final class OptionTable {
    private OptionTable() {
    }

    /** Markdown table: option, environment, default, meaning. */
    public static String markdown(List<Option<?>> options) {
        StringBuilder sb = new StringBuilder();
        sb.append("| option (`--name` / YAML key) | environment | default | meaning |\n");
        sb.append("|---|---|---|---|\n");
        for (Option<?> o : options) {
            String dflt = o.secret() ? "" : o.defaultText();
            sb.append("| `").append(o.name()).append("` | `").append(o.envName()).append("` | ")
                    .append(dflt.isEmpty() ? "" : "`" + dflt + "`").append(" | ")
                    .append(o.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /** YAML with every option commented out at its default, documented. */
    public static String yaml(List<Option<?>> options) {
        StringBuilder sb = new StringBuilder();
        sb.append("# stashwatch options. Every key is also a command-line flag (--poe.client-id) and an\n");
        sb.append("# environment variable (POE_CLIENT_ID); precedence: command line > environment > this file.\n");
        sb.append("# Use with: java -jar target/stashwatch.jar run --config conf/stashwatch.yaml\n");
        String group = "";
        for (Option<?> o : options) {
            if (!o.group().equals(group)) {
                group = o.group();
                sb.append("\n# ---- ").append(group).append('\n');
            }
            sb.append('\n');
            for (String line : wrap(o.doc(), 94)) {
                sb.append("# ").append(line).append('\n');
            }
            String dflt = o.secret() ? "" : o.defaultText();
            sb.append("# ").append(o.name()).append(": ").append(dflt.isEmpty() ? "\"\"" : quote(dflt)).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String v) {
        return v.matches("[A-Za-z0-9_.:/,-]+") && !v.contains(": ") ? v : "\"" + v.replace("\"", "\\\"") + "\"";
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Prints the markdown table (argument "markdown", default) or the YAML file ("yaml"). */
    public static void main(String[] args) {
        boolean yaml = args.length > 0 && args[0].equals("yaml");
        System.out.print(yaml ? yaml(Options.all()) : markdown(Options.all()));
    }
}
