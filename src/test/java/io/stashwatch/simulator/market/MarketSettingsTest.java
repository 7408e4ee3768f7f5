package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketSettingsTest {

    @Test
    void presets() {
        MarketSettings demo = MarketSettings.demo(7);
        assertThat(demo.seed()).isEqualTo(7);
        assertThat(demo.pages()).isEqualTo(400);
        assertThat(demo.stashesPerPage()).isEqualTo(60);
        assertThat(demo.leagues()).first().isEqualTo("Settlers");
        assertThat(demo.underpriced() && demo.traps() && demo.shifts() && demo.fixer() && demo.crash()).isTrue();
        MarketSettings bench = MarketSettings.benchmark(7, 1000);
        assertThat(bench.pages()).isEqualTo(1000);
        assertThat(bench.stashesPerPage()).isEqualTo(250);
        assertThat(MarketFeed.demo(7).pageCount()).isEqualTo(400);
    }

    @Test
    void fromConfigReadsTheSimulatorOptions() {
        Config c = Config.builder().cli(java.util.Map.of("sim.seed", "99", "sim.pages", "0",
                "sim.stashes-per-page", "40")).build();
        MarketSettings s = MarketSettings.fromConfig(c);
        assertThat(s.seed()).isEqualTo(99);
        assertThat(s.endless()).isTrue();
        assertThat(s.pages()).isEqualTo(MarketSettings.ENDLESS);
        assertThat(s.stashesPerPage()).isEqualTo(40);
        assertThat(s.accounts()).isGreaterThanOrEqualTo(2 * 40);
        MarketSettings d = MarketSettings.fromConfig(Config.defaults());
        assertThat(d.seed()).isEqualTo(Config.defaults().get(Options.SIM_SEED));
        assertThat(d.pages()).isEqualTo(400);
        assertThat(d.stashesPerPage()).isEqualTo(60);
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        assertThatThrownBy(() -> MarketSettings.builder().pages(0).build()).hasMessageContaining("pages");
        assertThatThrownBy(() -> MarketSettings.builder().stashesPerPage(0).build()).hasMessageContaining("stashes per page");
        assertThatThrownBy(() -> MarketSettings.builder().stashesPerPage(100).accounts(150).build())
                .hasMessageContaining("accounts");
        assertThatThrownBy(() -> MarketSettings.builder().leagues(List.of("A"), List.of(1.0, 2.0)).build())
                .hasMessageContaining("league");
        assertThatThrownBy(() -> MarketSettings.builder().cxOriginHour(5L).build()).hasMessageContaining("3600");
        assertThatThrownBy(() -> MarketSettings.builder().underpricedPer100Pages(-1).build())
                .hasMessageContaining("rates");
    }

    @Test
    void toBuilderKeepsEverything() {
        MarketSettings s = MarketSettings.builder().seed(3).pages(77).stashesPerPage(33).accounts(500).traps(false)
                .shiftCount(2).minDistinctAccounts(12).cxOriginHour(7200L).build();
        MarketSettings t = s.toBuilder().build();
        assertThat(t.toString()).isEqualTo(s.toString());
        assertThat(t.minDistinctAccounts()).isEqualTo(12);
        assertThat(t.cxOriginHour()).isEqualTo(7200L);
        assertThat(t.traps()).isFalse();
    }

    @Test
    void scenariosCanBeSwitchedOff() {
        MarketFeed feed = new MarketFeed(MarketSettings.builder().seed(3).pages(120).stashesPerPage(20).accounts(300)
                .scenarios(false).build());
        GroundTruth gt = feed.groundTruth();
        assertThat(gt.underpriced).isEmpty();
        assertThat(gt.traps).isEmpty();
        assertThat(gt.shifts).isEmpty();
        assertThat(gt.crashes).isEmpty();
        assertThat(gt.fixers).isEmpty();
        assertThat(gt.fairChaos).isNotEmpty();
    }

    @Test
    void leaguesAreConfigurable() {
        MarketFeed feed = new MarketFeed(MarketSettings.builder().seed(3).pages(30).stashesPerPage(10).accounts(100)
                .leagues(List.of("Mercenaries", "Standard"), List.of(3.0, 1.0)).build());
        assertThat(feed.leagues()).containsExactly("Mercenaries", "Standard");
        assertThat(feed.groundTruth().rates).containsOnlyKeys("Mercenaries", "Standard");
    }
}
