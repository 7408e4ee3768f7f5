package io.stashwatch.config;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One configuration option under one name, in three spellings: {@code --poe.client-id} on the
 * command line, {@code POE_CLIENT_ID} in the environment, {@code poe.client-id:} in the YAML file.
 *
 * @param <T> the parsed type
 */
public final class Option<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String doc;
    private final boolean secret;
    private final String group;

    Option(String group, String name, ValueType<T> type, T defaultValue, boolean secret, String doc) {
        this.group = Objects.requireNonNull(group);
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.doc = Objects.requireNonNull(doc);
    }

    /** Dotted name, e.g. {@code poe.client-id}. */
    public String name() {
        return name;
    }

    /** Command-line flag, e.g. {@code --poe.client-id}. */
    public String flag() {
        return "--" + name;
    }

    /** Environment variable, e.g. {@code POE_CLIENT_ID}. */
    public String envName() {
        return envNameOf(name);
    }

    static String envNameOf(String dotted) {
        return dotted.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public ValueType<T> type() {
        return type;
    }

    /** Default value, or null when the option has none (empty). */
    public T defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** Secrets are never printed, logged or written anywhere. */
    public boolean secret() {
        return secret;
    }

    /** Section of the option table in the README. */
    public String group() {
        return group;
    }

    /** Parses a raw value, throwing {@link ConfigException} that names this option. */
    public T parse(String raw, String source) {
        try {
            return type.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            String shown = secret ? "<hidden>" : "'" + raw + "'";
            throw new ConfigException(
                    "Invalid value " + shown + " for " + name + " (from " + source + "): " + e.getMessage());
        }
    }

    /** Default rendered the way a user would type it ("" when empty). */
    public String defaultText() {
        return defaultValue == null ? "" : type.format(defaultValue);
    }

    @Override
    public String toString() {
        return name;
    }
}
