package io.stashwatch.detect.cx;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.market.RateUpdate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

class CurrencyRateReaderTest {
    private static final long NOW = 1_700_003_000_000L; // within hour 1_700_002_800 (seconds)
    private static final long LAST_HOUR = NOW / 3_600_000L * 3600 - 3600;

    /** Collects what the reader emits. */
    static final class Output implements ReaderOutput<RateUpdate> {
        final List<RateUpdate> records = new ArrayList<>();
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void collect(RateUpdate record) {
            records.add(record);
        }

        @Override
        public void collect(RateUpdate record, long timestamp) {
            records.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }

        @Override
        public SourceOutput<RateUpdate> createOutputForSplit(String splitId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
        }
    }

    /** Publishes every hour before {@link #NOW}; a divine costs 100 + the hour's index mod 50. */
    static final class Hours implements CurrencyDigestProvider {
        int calls;

        @Override
        public byte[] fetch(String realm, long hourSeconds) {
            calls++;
            if (hourSeconds > LAST_HOUR) {
                return null;
            }
            return ("{\"markets\": [{\"league\": \"Standard\", \"market_id\": \"divine|chaos\", \"volume_traded\": "
                    + "{\"divine\": 1, \"chaos\": " + (100 + (hourSeconds / 3600) % 50) + "}}]}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static InputStatus drain(CurrencyRateReader reader, Output out) throws Exception {
        InputStatus status;
        do {
            reader.isAvailable().get(10, TimeUnit.SECONDS);
            status = reader.pollNext(out);
        } while (status == InputStatus.MORE_AVAILABLE || status == InputStatus.NOTHING_AVAILABLE && out.watermarks.isEmpty());
        return status;
    }

    @Test
    void emitsTheNewestHourThenTheWatermarkThenFinishesWhenBounded() throws Exception {
        CurrencyRateReader reader = new CurrencyRateReader(new Hours(), List.of(), 0, true, () -> NOW);
        reader.start();
        reader.addSplits(List.of(CurrencySplit.initial(List.of("pc"))));
        Output out = new Output();
        InputStatus status = drain(reader, out);
        while (status != InputStatus.END_OF_INPUT) {
            reader.isAvailable().get(10, TimeUnit.SECONDS);
            status = reader.pollNext(out);
        }
        assertThat(out.records).hasSize(1);
        assertThat(out.records.get(0).validFrom).isEqualTo(LAST_HOUR * 1000);
        assertThat(out.watermarks).containsExactly(Long.MAX_VALUE);
        assertThat(reader.snapshotState(1).get(0).emittedHour("pc")).isEqualTo(LAST_HOUR);
        reader.close();
    }

    @Test
    void aRestoredReaderDoesNotEmitTheSameHourAgain() throws Exception {
        CurrencySplit restored = CurrencySplit.initial(List.of("pc"));
        restored.setEmittedHour("pc", LAST_HOUR);
        CurrencyRateReader reader = new CurrencyRateReader(new Hours(), List.of(), 0, true, () -> NOW);
        reader.start();
        reader.addSplits(List.of(restored));
        Output out = new Output();
        InputStatus status = drain(reader, out);
        while (status != InputStatus.END_OF_INPUT) {
            reader.isAvailable().get(10, TimeUnit.SECONDS);
            status = reader.pollNext(out);
        }
        assertThat(out.records).isEmpty();
        assertThat(out.watermarks).containsExactly(Long.MAX_VALUE);
        reader.close();
    }

    @Test
    void aReaderWithoutTheSplitFinishesAtOnce() throws Exception {
        CurrencyRateReader reader = new CurrencyRateReader(new Hours(), List.of(), 0, false, () -> NOW);
        reader.start();
        reader.notifyNoMoreSplits();
        reader.isAvailable().get(10, TimeUnit.SECONDS);
        assertThat(reader.pollNext(new Output())).isEqualTo(InputStatus.END_OF_INPUT);
        reader.close();
    }

    @Test
    void theSplitSurvivesSerialisation() throws Exception {
        CurrencySplit split = CurrencySplit.initial(List.of("pc", "xbox"));
        split.setEmittedHour("xbox", 1234);
        CurrencySplitSerializer ser = new CurrencySplitSerializer();
        CurrencySplit back = ser.deserialize(ser.getVersion(), ser.serialize(split));
        assertThat(back.emittedHour("pc")).isEqualTo(-1);
        assertThat(back.emittedHour("xbox")).isEqualTo(1234);
        CurrencySplitSerializer.EnumeratorState enumSer = new CurrencySplitSerializer.EnumeratorState();
        assertThat(enumSer.deserialize(1, enumSer.serialize(List.of(split))).get(0).emittedHour("xbox")).isEqualTo(1234);
    }
}
