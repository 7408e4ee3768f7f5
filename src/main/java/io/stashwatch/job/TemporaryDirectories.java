package io.stashwatch.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Temporary directories deleted, with everything in them, when the JVM exits. */
public final class TemporaryDirectories {
    private static final List<Path> CREATED = new ArrayList<>();
    private static boolean hooked;

    private TemporaryDirectories() {
    }

    /** A new empty directory under java.io.tmpdir, deleted recursively at JVM exit. */
    public static synchronized Path create(String prefix) {
        Path dir;
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory: " + e.getMessage(), e);
        }
        CREATED.add(dir);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(TemporaryDirectories::deleteAll, "stashwatch-temp-cleanup"));
        }
        return dir;
    }

    private static void deleteAll() {
        List<Path> dirs;
        synchronized (TemporaryDirectories.class) {
            dirs = new ArrayList<>(CREATED);
        }
        for (Path dir : dirs) {
            deleteRecursively(dir);
        }
    }

    /** Deletes a directory tree, ignoring what cannot be deleted. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: the system's temp cleaning takes the rest
        }
    }
}
