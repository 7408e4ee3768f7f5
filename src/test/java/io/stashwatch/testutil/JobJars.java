package io.stashwatch.testutil;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packages compiled test classes into a small job jar for a {@link StandaloneFlinkCluster}: the
 * given classes with their nested and anonymous classes, and a manifest naming the main class.
 * Flink itself is not packaged; the cluster provides it.
 */
public final class JobJars {
    private JobJars() {
    }

    /** Writes {@code jar} with {@code mainClass} (and {@code more}) and returns it. */
    public static Path write(Path jar, Class<?> mainClass, Class<?>... more) {
        List<Class<?>> classes = new ArrayList<>();
        classes.add(mainClass);
        classes.addAll(List.of(more));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Class<?> c : classes) {
                    for (Path classFile : classFilesOf(c)) {
                        String entry = c.getPackageName().replace('.', '/') + "/" + classFile.getFileName();
                        out.putNextEntry(new JarEntry(entry));
                        Files.copy(classFile, out);
                        out.closeEntry();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write job jar " + jar, e);
        }
        return jar;
    }

    /** The class file of {@code c} and those of its nested, local and anonymous classes. */
    static List<Path> classFilesOf(Class<?> c) throws IOException {
        Path root;
        try {
            root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot locate " + c, e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(c + " is not loaded from a class directory but from " + root);
        }
        Path dir = root.resolve(c.getPackageName().replace('.', '/'));
        String simple = c.getName().substring(c.getName().lastIndexOf('.') + 1);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.equals(simple + ".class") || name.startsWith(simple + "$") && name.endsWith(".class");
            }).sorted().toList();
        }
    }
}
