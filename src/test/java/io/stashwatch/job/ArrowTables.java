package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.testutil.ArrowRows;
import io.stashwatch.testutil.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The complete Arrow files of a run, for comparing runs. */
final class ArrowTables {
    private ArrowTables() {
    }

    /**
     * File name (relative to {@code dir}) -> its rows without the wall-clock columns, sorted, for
     * every complete Arrow file under {@code dir} (pending chunks are not files of the run yet).
     */
    static Map<String, List<String>> rows(Path dir) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".arrow"))
                    .filter(p -> !dir.relativize(p).toString().startsWith("."))
                    .collect(Collectors.toList());
        }
        for (Path f : files) {
            List<String> columns = ArrowRows.columns(f);
            List<String> rows = new ArrayList<>();
            for (List<Object> r : ArrowRows.read(f)) {
                List<Object> kept = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    if (!Sql.WALL_CLOCK.contains(columns.get(i))) {
                        kept.add(r.get(i));
                    }
                }
                rows.add(kept.toString());
            }
            rows.sort(Comparator.naturalOrder());
            out.put(dir.relativize(f).toString(), rows);
        }
        assertThat(out).as("Arrow files in " + dir).isNotEmpty();
        return out;
    }
}
