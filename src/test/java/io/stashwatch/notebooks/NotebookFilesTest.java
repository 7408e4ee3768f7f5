package io.stashwatch.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The notebook files as committed: no outputs, the kernel and parameters they promise, loadable Zeppelin notes. */
class NotebookFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NOTEBOOKS = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("notebooks");

    @Test
    void jupyterNotebooksAreCommittedWithoutOutputs() throws IOException {
        List<Path> notebooks = files(NOTEBOOKS, ".ipynb");
        assertThat(notebooks).extracting(p -> p.getFileName().toString()).contains("01_market_overview.ipynb",
                "02_item_history.ipynb", "03_alert_feed.ipynb", "04_currency_rates.ipynb", "05_arrow_files.ipynb");
        for (Path nb : notebooks) {
            JsonNode doc = JSON.readTree(nb.toFile());
            assertThat(doc.get("nbformat").asInt()).as("%s nbformat", nb).isEqualTo(4);
            assertThat(doc.at("/metadata/kernelspec/name").asText()).as("%s kernel", nb).isEqualTo("python3");
            assertThat(doc.get("cells").get(0).get("cell_type").asText()).as("%s opens with text", nb).isEqualTo("markdown");
            for (JsonNode cell : doc.get("cells")) {
                if (cell.get("cell_type").asText().equals("code")) {
                    assertThat(cell.get("outputs")).as("%s outputs", nb).isEmpty();
                    assertThat(cell.get("execution_count").isNull()).as("%s execution count", nb).isTrue();
                }
            }
        }
    }

    @Test
    void theItemKeyIsAParameterAndTheArrowNotebookSaysItNeedsPyarrow() throws IOException {
        JsonNode history = JSON.readTree(NOTEBOOKS.resolve("02_item_history.ipynb").toFile());
        boolean parameters = false;
        for (JsonNode cell : history.get("cells")) {
            String source = source(cell);
            if (cell.at("/metadata/tags").toString().contains("\"parameters\"")) {
                parameters = true;
                assertThat(source).contains("ITEM_KEY = None").contains("LEAGUE = None");
            }
        }
        assertThat(parameters).as("a cell tagged parameters").isTrue();
        JsonNode arrow = JSON.readTree(NOTEBOOKS.resolve("05_arrow_files.ipynb").toFile());
        assertThat(source(arrow.get("cells").get(0))).contains("Needs pyarrow").contains("skips");
    }

    @Test
    void zeppelinNotesCarryTheIdOfTheirFileNameAndQueryThroughJdbc() throws IOException {
        List<Path> notes = files(NOTEBOOKS.resolve("zeppelin"), ".zpln");
        assertThat(notes).hasSizeGreaterThanOrEqualTo(3);
        Set<String> ids = new HashSet<>();
        for (Path note : notes) {
            JsonNode doc = JSON.readTree(note.toFile());
            String file = note.getFileName().toString();
            // Zeppelin 0.9+ takes the note id from the file name: <name>_<id>.zpln
            assertThat(file).isEqualTo(file.substring(0, file.lastIndexOf('_') + 1) + doc.get("id").asText() + ".zpln");
            assertThat(ids.add(doc.get("id").asText())).as("unique note id %s", file).isTrue();
            assertThat(doc.get("defaultInterpreterGroup").asText()).isEqualTo("jdbc");
            Set<String> paragraphIds = new HashSet<>();
            for (JsonNode p : doc.get("paragraphs")) {
                assertThat(paragraphIds.add(p.get("id").asText())).as("unique paragraph id in %s", file).isTrue();
                assertThat(p.get("text").asText()).as("interpreter of a paragraph in %s", file).matches("(?s)%(jdbc|md)\\n.*");
            }
        }
    }

    private static String source(JsonNode cell) {
        JsonNode s = cell.get("source");
        if (!s.isArray()) {
            return s.asText();
        }
        StringBuilder sb = new StringBuilder();
        s.forEach(line -> sb.append(line.asText()));
        return sb.toString();
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
    }
}
