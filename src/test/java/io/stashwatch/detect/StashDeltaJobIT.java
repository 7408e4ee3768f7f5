package io.stashwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.market.StashDiff;
import io.stashwatch.market.StashState;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.testing.RiverSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delta operator in a real (mini) cluster: keyed by stash, parallel, without Kryo. */
class StashDeltaJobIT {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void boundedSnapshotsGiveTheEventsOfThePureDiff() throws Exception {
        List<StashSnapshot> snapshots = RiverSnapshots.snapshots(9, 300, 50, 30);

        Map<String, StashState> states = new HashMap<>();
        StashDiff diff = new StashDiff();
        List<String> expected = new ArrayList<>();
        for (StashSnapshot s : snapshots) {
            StashState next = diff.apply(states.get(s.stashId), s, e -> expected.add(describe(e, e.riverTime)));
            if (next == null) {
                states.remove(s.stashId);
            } else {
                states.put(s.stashId, next);
            }
        }

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // any Kryo fallback fails the job
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(Duration.ofMillis(200).toMillis());

        List<String> actual = env.fromData(snapshots, TypeInformation.of(StashSnapshot.class))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<StashSnapshot>forMonotonousTimestamps()
                        .withTimestampAssigner((s, ts) -> s.riverTime))
                .keyBy(StashDeltaFunction::key)
                .process(new StashDeltaFunction())
                .name("stash-deltas")
                .process(new ProcessFunction<ListingEvent, String>() {
                    @Override
                    public void processElement(ListingEvent e, Context ctx, Collector<String> out) {
                        out.collect(describe(e, ctx.timestamp()));
                    }
                })
                .executeAndCollect(expected.size() + 10);

        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        // per stash the order is the river's order
        assertThat(perStash(actual)).isEqualTo(perStash(expected));
    }

    private static String describe(ListingEvent e, Long timestamp) {
        return e.stashId + " " + e.eventId + " " + e.kind + " " + e.itemKey + " " + e.priceAmount + " "
                + e.priceCurrency + " " + e.changeId + " @" + timestamp;
    }

    private static Map<String, List<String>> perStash(List<String> events) {
        Map<String, List<String>> m = new HashMap<>();
        for (String e : events) {
            m.computeIfAbsent(e.substring(0, e.indexOf(' ')), k -> new ArrayList<>()).add(e);
        }
        return m;
    }
}
