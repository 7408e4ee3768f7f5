package io.stashwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.stashwatch.config.Config;
import io.stashwatch.config.Options;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A local run without state.dir checkpoints state far larger than the JobManager's 5 MB in-memory
 * limit: with Flink's default (checkpoints in the JobManager's memory) every checkpoint of this job
 * fails and none completes.
 */
class LocalCheckpointsIT {
    static final AtomicLong COMPLETED = new AtomicLong();
    static final AtomicInteger OPENED = new AtomicInteger();

    @Test
    void checkpointsLargeStateToATemporaryDirectory() throws Exception {
        COMPLETED.set(0);
        OPENED.set(0);
        Config config = Config.defaults().with(Options.CHECKPOINT_INTERVAL, "1s").with(Options.PARALLELISM, "1");
        Configuration conf = Environments.localConfiguration(config, 1);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        Path dir = Path.of(URI.create(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)));
        assertThat(dir).isDirectory();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        // 400 keys x 64 KB = 25 MB of keyed state
        DataGeneratorSource<Long> numbers = new DataGeneratorSource<>(i -> i, Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(2000), Types.LONG);
        env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers")
                .keyBy(i -> i % 400)
                .process(new BigState())
                .sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
        JobClient job = env.executeAsync("large state");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (COMPLETED.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(COMPLETED.get()).as("completed checkpoints").isGreaterThanOrEqualTo(2);
            assertThat(OPENED.get()).as("task starts (a restart opens the function again)").isEqualTo(1);
            try (var files = Files.walk(dir)) {
                long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                assertThat(bytes).as("checkpoint bytes on disk").isGreaterThan(5L << 20);
            }
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Keeps 64 KB per key. */
    static final class BigState extends KeyedProcessFunction<Long, Long, Long> implements CheckpointListener {
        private transient ValueState<byte[]> blob;

        @Override
        public void open(OpenContext ctx) {
            OPENED.incrementAndGet();
            blob = getRuntimeContext().getState(new ValueStateDescriptor<byte[]>("blob", org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            if (blob.value() == null) {
                byte[] b = new byte[64 * 1024];
                new java.util.Random(value).nextBytes(b);
                blob.update(b);
            }
            out.collect(value);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            COMPLETED.incrementAndGet();
        }
    }
}
