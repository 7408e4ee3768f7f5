package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateBookTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void chaosIsOneAndUnknownCurrenciesHaveNoRate() {
        RateBook book = new RateBook(HOUR);
        assertThat(book.rate("Standard", "chaos", 5).chaosPerUnit).isEqualTo(1.0);
        assertThat(book.rate("Standard", "chaos", 5).source).isNull();
        assertThat(book.rate("Standard", "divine", 5).known()).isFalse();
    }

    @Test
    void riverVersionsApplyByRiverTime() {
        RateBook book = new RateBook(HOUR);
        book.add(RateUpdate.river("Standard", "divine", 180, 1001, 5), Long.MIN_VALUE);
        book.add(RateUpdate.river("Standard", "divine", 190, 2001, 6), Long.MIN_VALUE);
        assertThat(book.rate("Standard", "divine", 1000).known()).isFalse();
        assertThat(book.rate("Standard", "divine", 1001).chaosPerUnit).isEqualTo(180);
        assertThat(book.rate("Standard", "divine", 2000).chaosPerUnit).isEqualTo(180);
        assertThat(book.rate("Standard", "divine", 2001).chaosPerUnit).isEqualTo(190);
        assertThat(book.rate("Standard", "divine", 2001).source).isEqualTo("river");
        assertThat(book.rate("Hardcore", "divine", 2001).known()).isFalse();
    }

    @Test
    void versionsArriveOutOfOrderOrTwice() {
        RateBook book = new RateBook(HOUR);
        book.add(RateUpdate.river("Standard", "divine", 190, 2001, 6), Long.MIN_VALUE);
        book.add(RateUpdate.river("Standard", "divine", 180, 1001, 5), Long.MIN_VALUE);
        book.add(RateUpdate.river("Standard", "divine", 185, 1001, 5), Long.MIN_VALUE);
        assertThat(book.rate("Standard", "divine", 1500).chaosPerUnit).isEqualTo(185);
        assertThat(book.rate("Standard", "divine", 2500).chaosPerUnit).isEqualTo(190);
        assertThat(book.versions("Standard", "divine")).isEqualTo(2);
    }

    @Test
    void oldVersionsArePrunedBehindTheWatermark() {
        RateBook book = new RateBook(HOUR);
        for (int i = 1; i <= 100; i++) {
            book.add(RateUpdate.river("Standard", "divine", 100 + i, i * 1000L + 1, 5), i * 1000L - 999);
        }
        // Everything before the version valid at the horizon is gone; that one and later remain.
        assertThat(book.versions("Standard", "divine")).isLessThanOrEqualTo(2);
        assertThat(book.rate("Standard", "divine", 100_001).chaosPerUnit).isEqualTo(200);
    }

    @Test
    void currencyExchangeWinsWhileFreshThenTheRiverTakesOver() {
        RateBook book = new RateBook(3 * HOUR);
        long hour = 1_700_000_000_000L / HOUR * HOUR;
        book.add(RateUpdate.river("Standard", "divine", 180, 0, 5), Long.MIN_VALUE);
        book.add(RateUpdate.cx("Standard", "divine", 200, hour, 1234), Long.MIN_VALUE);
        RateBook.Rate fresh = book.rate("Standard", "divine", hour + HOUR + 10);
        assertThat(fresh.chaosPerUnit).isEqualTo(200);
        assertThat(fresh.source).isEqualTo("cx");
        assertThat(book.rate("Standard", "divine", hour + 4 * HOUR).chaosPerUnit).isEqualTo(200);
        RateBook.Rate stale = book.rate("Standard", "divine", hour + 4 * HOUR + 1);
        assertThat(stale.chaosPerUnit).isEqualTo(180);
        assertThat(stale.source).isEqualTo("river");
    }

    @Test
    void anOlderDigestDoesNotReplaceANewerOne() {
        RateBook book = new RateBook(3 * HOUR);
        book.add(RateUpdate.cx("Standard", "divine", 210, 2 * HOUR, 1), Long.MIN_VALUE);
        book.add(RateUpdate.cx("Standard", "divine", 200, HOUR, 1), Long.MIN_VALUE);
        assertThat(book.rate("Standard", "divine", 2 * HOUR).chaosPerUnit).isEqualTo(210);
    }

    @Test
    void aWithdrawnRiverRateMeansNoRate() {
        RateBook book = new RateBook(HOUR);
        book.add(RateUpdate.river("Standard", "divine", 180, 1, 5), Long.MIN_VALUE);
        book.add(RateUpdate.river("Standard", "divine", Double.NaN, 100, 0), Long.MIN_VALUE);
        assertThat(book.rate("Standard", "divine", 50).chaosPerUnit).isEqualTo(180);
        assertThat(book.rate("Standard", "divine", 100).known()).isFalse();
    }
}
