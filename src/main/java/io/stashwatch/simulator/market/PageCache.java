package io.stashwatch.simulator.market;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Generated page bodies, least recently used evicted first, bounded by total bytes. Thread-safe. */
final class PageCache {
    private final long budget;
    private final LinkedHashMap<Long, byte[]> pages = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    PageCache(long budgetBytes) {
        this.budget = budgetBytes;
    }

    synchronized byte[] get(long index) {
        return pages.get(index);
    }

    synchronized void put(long index, byte[] body) {
        if (body.length > budget) {
            return;
        }
        byte[] old = pages.put(index, body);
        if (old != null) {
            bytes -= old.length;
        }
        bytes += body.length;
        Iterator<Map.Entry<Long, byte[]>> it = pages.entrySet().iterator();
        while (bytes > budget && it.hasNext()) {
            Map.Entry<Long, byte[]> e = it.next();
            if (e.getKey() == index) {
                continue;
            }
            bytes -= e.getValue().length;
            it.remove();
        }
    }

    synchronized int size() {
        return pages.size();
    }
}
