package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthJsonTest {

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
        MarketFeed feed = new MarketFeed(MarketSettings.builder().seed(5).pages(80).stashesPerPage(15).accounts(200)
                .underpricedPer100Pages(30).minDistinctAccounts(4).build());
        GroundTruth gt = feed.groundTruth();
        assertThat(gt.underpriced).isNotEmpty();
        Path file = dir.resolve("sub").resolve(GroundTruthJson.FILE_NAME);
        GroundTruthJson.write(gt, file);
        GroundTruth back = GroundTruthJson.read(file);
        assertThat(GroundTruthJson.toJson(back)).isEqualTo(GroundTruthJson.toJson(gt));
        assertThat(back.underpriced.get(0).itemId).isEqualTo(gt.underpriced.get(0).itemId);
        assertThat(back.rates.get("Settlers").get("divine")).isEqualTo(gt.rates.get("Settlers").get("divine"));
        assertThat(Files.readString(file)).contains("\"underpriced\"", "\"fairChaos\"", "\"stableKeys\"");
    }

    @Test
    void ignoresUnknownFieldsAndRejectsGarbage() {
        GroundTruth gt = GroundTruthJson.fromJson("{\"seed\":3,\"pages\":10,\"somethingNew\":[1,2]}");
        assertThat(gt.seed).isEqualTo(3);
        assertThat(gt.underpriced).isEmpty();
        assertThatThrownBy(() -> GroundTruthJson.fromJson("[1,2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ground-truth");
    }

    @Test
    void eachCallGivesAnIndependentCopy() {
        MarketFeed feed = new MarketFeed(MarketSettings.builder().seed(5).pages(60).stashesPerPage(10).accounts(100).build());
        GroundTruth a = feed.groundTruth();
        a.stableKeys.clear();
        a.fairChaos.clear();
        assertThat(feed.groundTruth().fairChaos).isNotEmpty();
    }
}
