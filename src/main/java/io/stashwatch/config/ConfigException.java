package io.stashwatch.config;

/** A configuration problem. Its message is one line that names the option; the CLI exits with 2. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
