package io.stashwatch.source;

import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.simulator.RiverFeed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A river that grows when a test appends pages: page k has the id {@code k-0-0-0-0}, and asking
 * for the id after the last page is the head (same id, no stashes) until the next page is
 * appended, as on the real river.
 */
final class AppendableRiverFeed implements RiverFeed {
    private final List<byte[]> pages = new CopyOnWriteArrayList<>();

    /** Appends pages with these stashes (id, account, tab name and league of each; items are not written). */
    synchronized void append(List<RiverPage> newPages) {
        for (RiverPage page : newPages) {
            long k = pages.size();
            StringBuilder sb = new StringBuilder("{\"next_change_id\":\"").append(changeId(k + 1)).append("\",\"stashes\":[");
            for (int i = 0; i < page.stashes.length; i++) {
                StashSnapshot s = page.stashes[i];
                sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(s.stashId).append("\",\"public\":true,")
                        .append("\"accountName\":\"").append(s.accountName).append("\",\"stash\":\"").append(s.stashName)
                        .append("\",\"stashType\":\"PremiumStash\",\"league\":\"").append(s.league).append("\",\"items\":[]}");
            }
            pages.add(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public long pageCount() {
        return pages.size();
    }

    @Override
    public String changeId(long index) {
        return index + "-0-0-0-0";
    }

    @Override
    public OptionalLong indexOf(String changeId) {
        int dash = changeId.indexOf('-');
        try {
            long k = dash > 0 ? Long.parseLong(changeId.substring(0, dash)) : -1;
            return k >= 0 && k <= pages.size() && changeId(k).equals(changeId) ? OptionalLong.of(k) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public byte[] pageJson(long index) {
        if (index == pages.size()) {
            return ("{\"next_change_id\":\"" + changeId(index) + "\",\"stashes\":[]}").getBytes(StandardCharsets.UTF_8);
        }
        return pages.get((int) index).clone();
    }

    @Override
    public List<String> leagues() {
        return List.of("Standard");
    }

    @Override
    public byte[] currencyExchangeJson(long unixHourSeconds) {
        return ("{\"next_change_id\":" + (unixHourSeconds + 3600) + ",\"markets\":[]}").getBytes(StandardCharsets.UTF_8);
    }
}
