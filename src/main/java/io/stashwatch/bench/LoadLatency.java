package io.stashwatch.bench;

final class LoadLatency {
    private LoadLatency() {
    }

    static String run(ScaleBenchmark.Args args) throws Exception {
        return null;
    }
}
