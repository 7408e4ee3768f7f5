package io.stashwatch.model;

/** One non-empty page the job consumed: a row of ingest_pages. */
public class PageRow {
    public String changeId;
    public String nextChangeId;
    public String realm;
    public long seq;
    public int stashCount;
    public int itemCount;
    public long bytes;
    public long riverTime;
    public long fetchedAt;

    public PageRow() {
    }

    /** The ingest_pages row of a page. */
    public static PageRow of(RiverPage page) {
        PageRow r = new PageRow();
        r.changeId = page.changeId;
        r.nextChangeId = page.nextChangeId;
        r.realm = page.realm;
        r.seq = page.seq;
        r.stashCount = page.stashes.length;
        r.itemCount = page.itemCount;
        r.bytes = page.bytes;
        r.riverTime = page.riverTime;
        r.fetchedAt = page.fetchedAt;
        return r;
    }

    @Override
    public String toString() {
        return "PageRow{" + realm + " #" + seq + " " + changeId + " -> " + nextChangeId + " stashes=" + stashCount + "}";
    }
}
