package io.stashwatch.detect.cx;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.market.RateUpdate;
import io.stashwatch.testutil.CollectSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CurrencyRateSourceIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Publishes hours up to the one before "now"; a divine costs 150 + (hour mod 7) chaos. */
    static final class Published implements CurrencyDigestProvider {
        @Override
        public byte[] fetch(String realm, long hourSeconds) {
            long now = System.currentTimeMillis() / 1000 / 3600 * 3600;
            if (hourSeconds >= now) {
                return null;
            }
            String json = "{\"markets\": ["
                    + "{\"league\": \"Standard\", \"market_id\": \"divine|chaos\", \"volume_traded\": {\"divine\": 1, \"chaos\": "
                    + (150 + (hourSeconds / 3600) % 7) + "}},"
                    + "{\"league\": \"Private (PL1)\", \"market_id\": \"divine|chaos\", \"volume_traded\": {\"divine\": 1, \"chaos\": 90}}"
                    + "]}";
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    static final class Down implements CurrencyDigestProvider {
        @Override
        public byte[] fetch(String realm, long hourSeconds) throws IOException {
            throw new IOException("403 Forbidden: missing scope service:cxapi");
        }
    }

    @Test
    void aBoundedSourceEmitsTheNewestDigestOnceAndFinishes() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CurrencyRateSource.stream(env, CurrencyRateSource.bounded(new Published(), List.of("pc"), List.of("Standard")))
                .sinkTo(CollectSink.named("cx-bounded"));
        env.execute("cx-bounded");
        List<RateUpdate> rates = CollectSink.results("cx-bounded");
        long lastHour = System.currentTimeMillis() / 1000 / 3600 * 3600 - 3600;
        assertThat(rates).hasSize(1);
        RateUpdate u = rates.get(0);
        assertThat(u.league).isEqualTo("Standard");
        assertThat(u.currency).isEqualTo("divine");
        assertThat(u.source).isEqualTo("cx");
        // The hour could roll over during the test; either way it is the newest published one.
        assertThat(u.validFrom).isIn(lastHour * 1000, (lastHour + 3600) * 1000);
        assertThat(u.chaosPerUnit).isEqualTo(150 + (u.validFrom / 1000 / 3600) % 7);
    }

    @Test
    void anUnavailableApiGivesNoRatesButNoFailure() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CurrencyRateSource.stream(env, CurrencyRateSource.bounded(new Down(), List.of("pc"), List.of()))
                .sinkTo(CollectSink.named("cx-down"));
        env.execute("cx-down");
        assertThat(CollectSink.<RateUpdate>results("cx-down")).isEmpty();
    }
}
