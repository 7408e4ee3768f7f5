package io.stashwatch.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NoteMakerTest {
    private static final Pattern GRAMMAR = Pattern.compile("~(price|b/o) \\d+(\\.\\d+|/\\d+)? [a-z]+");
    private static final World WORLD = new World(MarketSettings.builder().seed(1).pages(10).stashesPerPage(10)
            .accounts(100).build());

    @Test
    void organicNotesAreCloseToTheAskedPriceAndWellFormed() {
        NoteMaker notes = WORLD.notes;
        Rng rng = new Rng(5);
        for (int i = 0; i < 20_000; i++) {
            NoteStyle style = new NoteStyle(rng);
            int league = rng.nextInt(WORLD.leagues.length);
            double v = StrictMath.exp(rng.uniform(0, StrictMath.log(20_000)));
            Note n = notes.organic(league, v, style, rng);
            assertThat(n.text).matches(GRAMMAR);
            assertThat(n.fixedPrice()).isTrue();
            double value = notes.chaosOf(league, n);
            assertThat(value / v).as("%s for %.3f", n.text, v).isBetween(v < 2 ? 0.5 : 0.75, v < 2 ? 1.5 : 1.25);
        }
    }

    @Test
    void roundingDownNeverExceedsTheAskedPrice() {
        NoteMaker notes = WORLD.notes;
        Rng rng = new Rng(6);
        for (int i = 0; i < 20_000; i++) {
            NoteStyle style = new NoteStyle(rng);
            double v = StrictMath.exp(rng.uniform(StrictMath.log(2), StrictMath.log(5000)));
            int cur = rng.chance(0.5) ? notes.chaos : notes.divine;
            Note n = notes.inCurrency(0, cur, v, style, true);
            assertThat(notes.chaosOf(0, n)).as(n.text).isLessThanOrEqualTo(v * (1 + 1e-12)).isPositive();
        }
    }

    @Test
    void currencyIsPricedPerUnit() {
        NoteMaker notes = WORLD.notes;
        NoteStyle style = new NoteStyle(new Rng(1));
        double div = notes.rate(0, notes.divine);
        Note chaos = notes.currencyUnit(0, notes.chaos, 1.0, style);
        assertThat(chaos.text).matches("~\\S+ 1/\\d+ (divine|div)");
        assertThat(notes.chaosOf(0, chaos)).isBetween(0.99, 1.01);
        Note divine = notes.currencyUnit(0, notes.divine, div, style);
        assertThat(notes.chaosOf(0, divine) / div).isBetween(0.99, 1.01);
        int alt = WORLD.cat.currencyIndex("alt");
        Note a = notes.currencyUnit(0, alt, notes.rate(0, alt), style);
        assertThat(notes.chaosOf(0, a) / notes.rate(0, alt)).isBetween(0.9, 1.1);
    }

    @Test
    void offersAndJunkAreNotPrices() {
        NoteMaker notes = WORLD.notes;
        NoteStyle style = new NoteStyle(new Rng(2));
        assertThat(notes.offer(0, 50, style).text).startsWith("~c/o ");
        assertThat(notes.offer(0, 50, style).fixedPrice()).isFalse();
        Rng rng = new Rng(3);
        for (int i = 0; i < 100; i++) {
            assertThat(notes.junk(rng).fixedPrice()).isFalse();
        }
    }
}
