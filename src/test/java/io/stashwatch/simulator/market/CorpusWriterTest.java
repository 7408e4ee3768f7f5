package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusWriterTest {
    private static MarketSettings settings(long pages) {
        return MarketSettings.builder().seed(13).pages(pages).stashesPerPage(10).accounts(120).build();
    }

    @Test
    void writesPagesChangeIdsGroundTruthAndManifest(@TempDir Path dir) throws Exception {
        CorpusWriter.Corpus c = CorpusWriter.write(settings(25), dir);
        MarketFeed feed = new MarketFeed(settings(25));
        assertThat(c.pages()).isEqualTo(25);
        long bytes = 0;
        for (long k = 0; k < 25; k++) {
            byte[] body = Files.readAllBytes(CorpusWriter.pageFile(dir, k));
            assertThat(body).isEqualTo(feed.pageJson(k));
            bytes += body.length;
        }
        assertThat(c.bytes()).isEqualTo(bytes);
        List<String> ids = Files.readAllLines(dir.resolve(CorpusWriter.CHANGE_IDS));
        assertThat(ids).hasSize(25);
        for (int k = 0; k < 25; k++) {
            String[] f = ids.get(k).split("\t");
            assertThat(Long.parseLong(f[0])).isEqualTo(k);
            assertThat(f[1]).isEqualTo(feed.changeId(k));
            assertThat(Long.parseLong(f[2])).isEqualTo(Files.size(CorpusWriter.pageFile(dir, k)));
        }
        GroundTruth gt = GroundTruthJson.read(dir.resolve(GroundTruthJson.FILE_NAME));
        assertThat(GroundTruthJson.toJson(gt)).isEqualTo(GroundTruthJson.toJson(feed.groundTruth()));
        JsonNode manifest = TestRiver.MAPPER.readTree(dir.resolve(CorpusWriter.MANIFEST).toFile());
        assertThat(manifest.get("pages").asLong()).isEqualTo(25);
        assertThat(manifest.get("bytes").asLong()).isEqualTo(bytes);
        assertThat(manifest.get("firstChangeId").asText()).isEqualTo(feed.changeId(0));
        assertThat(manifest.get("headChangeId").asText()).isEqualTo(feed.changeId(25));
        assertThat(c.firstChangeId()).isEqualTo(feed.changeId(0));
    }

    @Test
    void rewritingReplacesOldPages(@TempDir Path dir) throws Exception {
        CorpusWriter.write(settings(12), dir);
        CorpusWriter.write(settings(5), dir);
        try (Stream<Path> files = Files.list(dir.resolve(CorpusWriter.PAGES_DIR))) {
            assertThat(files.count()).isEqualTo(5);
        }
    }

    @Test
    void anEndlessRiverCannotBeWritten(@TempDir Path dir) {
        assertThatThrownBy(() -> CorpusWriter.write(settings(5).toBuilder().endless().build(), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bounded");
    }
}
