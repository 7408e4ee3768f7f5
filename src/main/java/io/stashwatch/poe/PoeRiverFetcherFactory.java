package io.stashwatch.poe;

import io.stashwatch.config.Config;
import io.stashwatch.poe.metrics.FlinkPoeMetrics;
import io.stashwatch.poe.metrics.PoeMetrics;
import io.stashwatch.poe.river.HeadLookup;
import io.stashwatch.poe.river.PipelinedRiverFetcher;
import java.io.IOException;
import java.util.Locale;
import org.apache.flink.metrics.MetricGroup;

/**
 * The {@link RiverFetcherFactory} of the real client: {@link PipelinedRiverFetcher}s over the
 * JVM-wide shared {@link PoeApi} of its settings (one token, one limiter per policy, one
 * invalid-request window per application, however many fetchers run in the JVM).
 */
public final class PoeRiverFetcherFactory implements RiverFetcherFactory {
    private static final long serialVersionUID = 1L;

    /** {@code poe.start-change-id} value meaning: near the head, looked up at {@code poe.head-url}. */
    public static final String START_HEAD = "head";
    /** {@code poe.start-change-id} value meaning: the very first page of the river. */
    public static final String START_BEGINNING = "beginning";

    private final PoeSettings settings;

    public PoeRiverFetcherFactory(PoeSettings settings) {
        this.settings = settings;
    }

    /** The factory for a job's configuration ({@link PoeSettings#fromConfig}). */
    public static PoeRiverFetcherFactory fromConfig(Config config) {
        return new PoeRiverFetcherFactory(PoeSettings.fromConfig(config));
    }

    public PoeSettings settings() {
        return settings;
    }

    @Override
    public RiverFetcher open(String realm, String changeId, MetricGroup metrics) {
        return open(realm, changeId, metrics == null ? PoeMetrics.NONE : new FlinkPoeMetrics(metrics));
    }

    /** Like {@link #open(String, String, MetricGroup)} with any {@link PoeMetrics}. */
    public RiverFetcher open(String realm, String changeId, PoeMetrics metrics) {
        return new PipelinedRiverFetcher(PoeApi.shared(settings), realm, changeId, metrics);
    }

    @Override
    public String resolveStart(String realm, String startSetting) throws IOException, InterruptedException {
        String s = startSetting == null ? "" : startSetting.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case START_BEGINNING:
                return "";
            case START_HEAD:
            case "":
                return HeadLookup.lookup(PoeApi.shared(settings).http(), settings.headUrl(), realm);
            default:
                return s;
        }
    }

    @Override
    public String toString() {
        return "PoeRiverFetcherFactory{" + settings + "}";
    }
}
