package io.stashwatch.source;

import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.poe.PoeRiverFetcherFactory;
import io.stashwatch.poe.PoeSettings;
import io.stashwatch.simulator.RiverFeed;
import io.stashwatch.simulator.server.SimulatorServer;
import io.stashwatch.simulator.server.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.connector.testframe.utils.CollectIteratorAssertions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.util.CloseableIterator;

/**
 * Flink's connector test suite for the river source: the "external system" is the simulator over
 * HTTP serving four realms whose rivers grow as the suite writes pages (one split per realm), read
 * with the real client. Records are whole pages; the suite's record comparison is made on the
 * stash ids each page carries (a page read back is a new object with its river position filled in).
 */
class RiverSourceTestSuiteIT extends SourceTestSuiteBase<RiverPage> {
    private static final List<String> REALMS = List.of("r0", "r1", "r2", "r3");

    @TestEnv
    MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestContext
    ExternalContextFactory<RiverContext> river = testName -> new RiverContext();

    @TestSemantics
    CheckpointingMode[] semantics = {CheckpointingMode.EXACTLY_ONCE};

    /** Four growing rivers behind one simulator; each new split writer takes the next realm. */
    static final class RiverContext implements DataStreamSourceExternalContext<RiverPage> {
        private final Map<String, AppendableRiverFeed> feeds = new LinkedHashMap<>();
        private final SimulatorServer server;
        private int writers;

        RiverContext() {
            Map<String, RiverFeed> served = new LinkedHashMap<>();
            for (String realm : REALMS) {
                AppendableRiverFeed feed = new AppendableRiverFeed();
                feeds.put(realm, feed);
                served.put(realm, feed);
            }
            try {
                server = new SimulatorServer(SimulatorSettings.builder().pace(Duration.ZERO).backlog(0)
                        .riverRule("client", "5000:1:1").tokenRule("Ip", "200:10:10").build(), served).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Source<RiverPage, ?, ?> createSource(TestingSourceSettings settings) {
            PoeSettings client = PoeSettings.builder()
                    .apiUrl(URI.create(server.baseUrl()))
                    .tokenUrl(URI.create(server.tokenUrl()))
                    .clientId(SimulatorSettings.DEMO_CLIENT_ID)
                    .clientSecret(SimulatorSettings.DEMO_CLIENT_SECRET)
                    .contact("tests@stashwatch.invalid")
                    .headPollInterval(Duration.ofMillis(100))
                    .backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                    .build();
            return RiverSource.builder()
                    .fetchers(new PoeRiverFetcherFactory(client))
                    .deserializer(new PageParserDeserializer())
                    .realms(REALMS)
                    .startChangeId(feeds.get("r0").changeId(0))
                    .epoch(Instant.parse("2025-01-01T00:00:00Z"))
                    .idleTimeout(settings.getBoundedness() == Boundedness.BOUNDED ? Duration.ofSeconds(1) : null)
                    .build();
        }

        @Override
        public synchronized ExternalSystemSplitDataWriter<RiverPage> createSourceSplitDataWriter(TestingSourceSettings settings) {
            if (writers == REALMS.size()) {
                throw new IllegalStateException("the suite asked for more than " + REALMS.size() + " splits");
            }
            AppendableRiverFeed feed = feeds.get(REALMS.get(writers++));
            return new ExternalSystemSplitDataWriter<>() {
                @Override
                public void writeRecords(List<RiverPage> records) {
                    feed.append(records);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public List<RiverPage> generateTestData(TestingSourceSettings settings, int splitIndex, long seed) {
            Random random = new Random(seed);
            List<RiverPage> pages = new ArrayList<>();
            int count = 5 + random.nextInt(16);
            for (int k = 0; k < count; k++) {
                RiverPage page = new RiverPage();
                page.stashes = new StashSnapshot[1 + random.nextInt(3)];
                for (int i = 0; i < page.stashes.length; i++) {
                    StashSnapshot s = new StashSnapshot();
                    s.stashId = String.format("%016x%016x%04d%02d", seed, random.nextLong(), k, i);
                    s.accountName = "account" + random.nextInt(1000);
                    s.stashName = "tab " + k;
                    s.league = "Standard";
                    page.stashes[i] = s;
                }
                pages.add(page);
            }
            return pages;
        }

        @Override
        public List<URL> getConnectorJarPaths() {
            return List.of();
        }

        @Override
        public TypeInformation<RiverPage> getProducedType() {
            return TypeInformation.of(RiverPage.class);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A page as the suite compares it: the ids of its stashes, in page order. */
    static String describe(RiverPage page) {
        List<String> ids = new ArrayList<>();
        for (StashSnapshot s : page.stashes) {
            ids.add(s.stashId);
        }
        return String.join(",", ids);
    }

    @Override
    protected void checkResultWithSemantic(CloseableIterator<RiverPage> resultIterator, List<List<RiverPage>> testData,
            CheckpointingMode semantic, Integer limit) {
        Iterator<String> described = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return resultIterator.hasNext();
            }

            @Override
            public String next() {
                return describe(resultIterator.next());
            }
        };
        List<List<String>> expected = testData.stream()
                .map(split -> split.stream().map(RiverSourceTestSuiteIT::describe).collect(Collectors.toList()))
                .collect(Collectors.toList());
        if (limit == null) {
            CollectIteratorAssertions.assertThat(described).matchesRecordsFromSource(expected, semantic);
            return;
        }
        try {
            CompletableFuture.runAsync(() -> CollectIteratorAssertions.assertThat(described).withNumRecordsLimit(limit)
                    .matchesRecordsFromSource(expected, semantic)).get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError("records read back do not match: " + e.getMessage(), e);
        }
    }
}
