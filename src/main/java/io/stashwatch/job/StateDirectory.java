package io.stashwatch.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of {@code state.dir}: retained checkpoints under {@code checkpoints/<job id>/chk-N}
 * and savepoints (taken on Ctrl-C) under {@code savepoints/}. A new run resumes from the newest
 * complete one (a directory with a {@code _metadata} file).
 */
public final class StateDirectory {
    private final Path root;

    public StateDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path savepoints() {
        return root.resolve("savepoints");
    }

    /** The newest complete checkpoint or savepoint, if any. */
    public Optional<Path> latest() {
        return Stream.of(checkpoints(), savepoints())
                .filter(Files::isDirectory)
                .flatMap(StateDirectory::completeSnapshots)
                .max(Comparator.comparing(StateDirectory::metadataTime));
    }

    private static Stream<Path> completeSnapshots(Path dir) {
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            return walk.filter(p -> p.getFileName().toString().equals("_metadata") && Files.isRegularFile(p))
                    .map(Path::getParent)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileTime metadataTime(Path snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.resolve("_metadata"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
