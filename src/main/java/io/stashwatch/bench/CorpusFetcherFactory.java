package io.stashwatch.bench;

import io.stashwatch.poe.RawPage;
import io.stashwatch.poe.RiverFetcher;
import io.stashwatch.poe.RiverFetcherFactory;
import io.stashwatch.source.PageParserDeserializer;
import io.stashwatch.source.RiverSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.metrics.MetricGroup;

/**
 * Serves a {@link Corpus} to the real {@link io.stashwatch.source.RiverSource} in place of the PoE
 * client: the pages in chain order as fast as the reader asks, no HTTP, no pacing, no rate limit;
 * after the last page the head answer, so a bounded source finishes.
 */
public final class CorpusFetcherFactory implements RiverFetcherFactory {
    private static final long serialVersionUID = 1L;

    private final String corpusKey;

    public CorpusFetcherFactory(Corpus corpus) {
        this.corpusKey = corpus.key();
    }

    /**
     * The production river source with the production page parser, reading {@code corpus} from its
     * first page as realm "pc", river time from {@code epoch} in steps of {@code pageInterval};
     * bounded: it finishes after the last page.
     */
    public static RiverSource source(Corpus corpus, Duration pageInterval, Instant epoch) {
        return RiverSource.builder()
                .fetchers(new CorpusFetcherFactory(corpus))
                .deserializer(new PageParserDeserializer())
                .realms(List.of("pc"))
                .startChangeId("beginning")
                .pageInterval(pageInterval)
                .epoch(epoch)
                .idleTimeout(Duration.ofMillis(1))
                .build();
    }

    @Override
    public RiverFetcher open(String realm, String changeId, MetricGroup metrics) {
        Corpus corpus = Corpus.byKey(corpusKey);
        int start = corpus.indexOf(changeId);
        if (start < 0) {
            throw new IllegalArgumentException("change id " + changeId + " is not part of the corpus");
        }
        return new Fetcher(corpus, realm, start);
    }

    @Override
    public String resolveStart(String realm, String startSetting) {
        Corpus corpus = Corpus.byKey(corpusKey);
        if (startSetting == null || startSetting.isBlank() || startSetting.equalsIgnoreCase("beginning")) {
            return "";
        }
        if (startSetting.equalsIgnoreCase("head")) {
            return corpus.changeId(corpus.pageCount());
        }
        return startSetting;
    }

    /** Hands out one page per poll. */
    private static final class Fetcher implements RiverFetcher {
        private final Corpus corpus;
        private final String realm;
        private final byte[] head;
        private int next;

        Fetcher(Corpus corpus, String realm, int start) {
            this.corpus = corpus;
            this.realm = realm;
            this.head = corpus.headBody();
            this.next = start;
        }

        @Override
        public RawPage poll(Duration timeout) {
            long now = System.currentTimeMillis();
            int n = corpus.pageCount();
            if (next >= n) {
                String id = corpus.changeId(n);
                return new RawPage(realm, id, id, head, now, head.length);
            }
            if (corpus.firstPageNanos.compareAndSet(0, System.nanoTime())) {
                corpus.firstPageCpuNanos.set(Corpus.processCpuNanos());
            }
            corpus.pagesServed.incrementAndGet();
            byte[] body = corpus.page(next);
            RawPage page = new RawPage(realm, corpus.changeId(next), corpus.changeId(next + 1), body, now, body.length);
            next++;
            return page;
        }

        @Override
        public void close() {
        }
    }
}
