package io.stashwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolved configuration: for each option the value from the command line, else the environment,
 * else the YAML file, else the default. Immutable and serializable, so it can travel to operators.
 * {@link #toString()} never shows secrets.
 */
public final class Config implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Raw text per option name, already validated by parsing once. */
    private final Map<String, String> raw;
    /** Where each value came from (cli, env, file, default), for error messages and the startup line. */
    private final Map<String, String> sources;

    private Config(Map<String, String> raw, Map<String, String> sources) {
        this.raw = Map.copyOf(raw);
        this.sources = Map.copyOf(sources);
    }

    /** Defaults only. */
    public static Config defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of an option (its default when unset; null when it has no default). */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        String text = raw.get(option.name());
        if (text == null) {
            return option.defaultValue();
        }
        if (text.isEmpty()) {
            return null;
        }
        return option.parse(text, sources.getOrDefault(option.name(), "config"));
    }

    /** True when the option has a non-empty value (set or defaulted). */
    public boolean isSet(Option<?> option) {
        return get(option) != null;
    }

    /** Where the value came from: "cli", "env", a file path, or "default". */
    public String sourceOf(Option<?> option) {
        return sources.getOrDefault(option.name(), "default");
    }

    /** A copy with one option replaced (validated). */
    public <T> Config with(Option<T> option, String value) {
        Map<String, String> r = new LinkedHashMap<>(raw);
        Map<String, String> s = new LinkedHashMap<>(sources);
        option.parse(value, "code");
        r.put(option.name(), value);
        s.put(option.name(), "code");
        return new Config(r, s);
    }

    /** A copy in which options not set explicitly take these values instead of the defaults. */
    public Config withDefaults(Map<Option<?>, String> overrides) {
        Map<String, String> r = new LinkedHashMap<>(raw);
        Map<String, String> s = new LinkedHashMap<>(sources);
        for (Map.Entry<Option<?>, String> e : overrides.entrySet()) {
            if (!r.containsKey(e.getKey().name())) {
                e.getKey().parse(e.getValue(), "default");
                r.put(e.getKey().name(), e.getValue());
                s.put(e.getKey().name(), "default");
            }
        }
        return new Config(r, s);
    }

    /** Command-line arguments that reproduce this configuration (secrets included: do not print them). */
    public java.util.List<String> toArgs() {
        java.util.List<String> args = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
            args.add("--" + e.getKey());
            args.add(e.getValue());
        }
        return args;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Config{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
            Option<?> o = Options.byName(e.getKey());
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=').append(o != null && o.secret() ? "<hidden>" : e.getValue());
        }
        return sb.append('}').toString();
    }

    /** Collects the layers and resolves them with precedence CLI > environment > file > default. */
    public static final class Builder {
        private final Map<String, String> cli = new LinkedHashMap<>();
        private Map<String, String> env = Map.of();
        private Path file;
        private Collection<Option<?>> allowed = Options.all();

        /** Restricts the options this command accepts; others are "unknown". */
        public Builder allowed(Collection<Option<?>> options) {
            this.allowed = options;
            return this;
        }

        public Builder cli(String name, String value) {
            cli.put(name, value);
            return this;
        }

        public Builder cli(Map<String, String> values) {
            cli.putAll(values);
            return this;
        }

        public Builder env(Map<String, String> environment) {
            this.env = environment;
            return this;
        }

        public Builder file(Path yaml) {
            this.file = yaml;
            return this;
        }

        public Config build() {
            Map<String, Option<?>> byName = new LinkedHashMap<>();
            for (Option<?> o : allowed) {
                byName.put(o.name(), o);
            }
            Map<String, String> raw = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            if (file != null) {
                for (Map.Entry<String, String> e : readYaml(file).entrySet()) {
                    Option<?> o = byName.get(e.getKey());
                    if (o == null) {
                        throw new ConfigException("Unknown option '" + e.getKey() + "' in " + file
                                + suggestion(e.getKey(), byName.keySet()));
                    }
                    raw.put(o.name(), e.getValue());
                    sources.put(o.name(), file.toString());
                }
            }
            for (Option<?> o : byName.values()) {
                String v = env.get(o.envName());
                if (v != null) {
                    raw.put(o.name(), v);
                    sources.put(o.name(), "environment " + o.envName());
                }
            }
            for (Map.Entry<String, String> e : cli.entrySet()) {
                Option<?> o = byName.get(e.getKey());
                if (o == null) {
                    throw new ConfigException("Unknown option --" + e.getKey() + suggestion(e.getKey(), byName.keySet()));
                }
                raw.put(o.name(), e.getValue());
                sources.put(o.name(), "command line --" + o.name());
            }
            for (Map.Entry<String, String> e : raw.entrySet()) {
                if (!e.getValue().trim().isEmpty()) {
                    byName.get(e.getKey()).parse(e.getValue(), sources.get(e.getKey()));
                }
            }
            return new Config(raw, sources);
        }

        private static String suggestion(String name, Collection<String> known) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String k : known) {
                int d = distance(name, k);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
        }

        private static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }

        /** Reads flat ({@code poe.client-id: x}) or nested ({@code poe: {client-id: x}}) YAML. */
        static Map<String, String> readYaml(Path path) {
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("Config file " + path + " does not exist");
            }
            JsonNode root;
            try {
                root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
            } catch (IOException e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
                throw new ConfigException("Config file " + path + " is not valid YAML: " + msg);
            }
            Map<String, String> out = new LinkedHashMap<>();
            if (root == null || root.isNull() || root.isMissingNode()) {
                return out;
            }
            if (!root.isObject()) {
                throw new ConfigException("Config file " + path + " must be a mapping of option names to values");
            }
            flatten("", root, out, path);
            return out;
        }

        private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path path) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                JsonNode v = e.getValue();
                if (v.isObject()) {
                    flatten(key, v, out, path);
                } else if (v.isArray()) {
                    StringBuilder sb = new StringBuilder();
                    for (JsonNode item : v) {
                        if (sb.length() > 0) {
                            sb.append(',');
                        }
                        sb.append(item.asText());
                    }
                    out.put(key, sb.toString());
                } else if (v.isNull()) {
                    out.put(key, "");
                } else {
                    out.put(key, v.asText());
                }
            }
        }
    }
}
