package io.stashwatch.detect.cx;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands the single split to the first reader that registers; every reader then learns there are
 * no more splits (readers without it finish at once).
 */
final class CurrencyEnumerator implements SplitEnumerator<CurrencySplit, List<CurrencySplit>> {
    private final SplitEnumeratorContext<CurrencySplit> context;
    private final List<CurrencySplit> unassigned;

    CurrencyEnumerator(SplitEnumeratorContext<CurrencySplit> context, List<CurrencySplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
    }

    @Override
    public void addSplitsBack(List<CurrencySplit> splits, int subtaskId) {
        // The failed reader registers again after its restart and gets the split back then.
        unassigned.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        if (!unassigned.isEmpty()) {
            for (CurrencySplit s : unassigned) {
                context.assignSplit(s, subtaskId);
            }
            unassigned.clear();
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public List<CurrencySplit> snapshotState(long checkpointId) {
        List<CurrencySplit> copy = new ArrayList<>();
        for (CurrencySplit s : unassigned) {
            copy.add(s.copy());
        }
        return copy;
    }

    @Override
    public void close() {
    }
}
