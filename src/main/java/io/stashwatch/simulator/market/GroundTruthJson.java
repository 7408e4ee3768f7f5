package io.stashwatch.simulator.market;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link GroundTruth} as JSON ({@code GroundTruth.json} next to a corpus). */
public final class GroundTruthJson {
    /** Conventional file name next to a simulated corpus. */
    public static final String FILE_NAME = "GroundTruth.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private GroundTruthJson() {
    }

    public static String toJson(GroundTruth truth) {
        try {
            return MAPPER.writeValueAsString(truth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GroundTruth fromJson(String json) {
        try {
            return MAPPER.readValue(json, GroundTruth.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a ground-truth document: " + e.getMessage(), e);
        }
    }

    public static void write(GroundTruth truth, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(file.toFile(), truth);
    }

    public static GroundTruth read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), GroundTruth.class);
    }

    /** A deep copy. */
    static GroundTruth copy(GroundTruth truth) {
        return fromJson(toJson(truth));
    }
}
