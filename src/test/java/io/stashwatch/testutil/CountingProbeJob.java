package io.stashwatch.testutil;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A tiny stateful job that proves checkpoints and restores on a {@link StandaloneFlinkCluster}.
 *
 * <p>One source emits 0, 1, 2, ... at a fixed rate (its position is checkpointed); the values are
 * keyed by {@code value % 4} and a keyed counter counts them; every (value, count) pair is
 * appended to a file under the output directory, one file per sink subtask and attempt. With
 * consistent restores the invariant {@code count == value / 4 + 1} holds for every line, whatever
 * failures and restarts happened: a lost counter restarts at 1, a rewound source counts twice.
 *
 * <p>Arguments: output directory, records per second.
 */
public final class CountingProbeJob {
    static final int KEYS = 4;

    private CountingProbeJob() {
    }

    public static void main(String[] args) throws Exception {
        String outDir = args[0];
        double perSecond = Double.parseDouble(args[1]);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        DataGeneratorSource<Long> source = new DataGeneratorSource<>(
                index -> index, Long.MAX_VALUE, RateLimiterStrategy.perSecond(perSecond), Types.LONG);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "sequence")
                .setParallelism(1)
                .uid("sequence")
                .keyBy(value -> value % KEYS, Types.LONG)
                .process(new RunningCount())
                .uid("count")
                .sinkTo(new LineFileSink(outDir))
                .uid("lines");
        env.execute("counting-probe");
    }

    /** Counts the values of each key; emits "value,count". */
    static final class RunningCount extends KeyedProcessFunction<Long, Long, String> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<String> out) throws Exception {
            Long previous = count.value();
            long next = previous == null ? 1 : previous + 1;
            count.update(next);
            out.collect(value + "," + next);
        }
    }

    /** Appends each line to {@code <dir>/subtask-<i>-attempt-<n>.txt}, flushed at once. */
    static final class LineFileSink implements Sink<String> {
        private static final long serialVersionUID = 1L;
        private final String dir;

        LineFileSink(String dir) {
            this.dir = dir;
        }

        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
            Path directory = Files.createDirectories(Path.of(dir));
            Path file = directory.resolve("subtask-" + context.getTaskInfo().getIndexOfThisSubtask()
                    + "-attempt-" + context.getTaskInfo().getAttemptNumber() + ".txt");
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new SinkWriter<>() {
                @Override
                public void write(String line, Context ctx) throws IOException {
                    writer.write(line);
                    writer.newLine();
                    writer.flush();
                }

                @Override
                public void flush(boolean endOfInput) throws IOException {
                    writer.flush();
                }

                @Override
                public void close() throws IOException {
                    writer.close();
                }
            };
        }
    }
}
