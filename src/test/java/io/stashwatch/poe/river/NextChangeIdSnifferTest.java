package io.stashwatch.poe.river;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NextChangeIdSnifferTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds {@code body} in pieces of {@code step} bytes, reusing one buffer; returns bytes fed when found. */
    static int feedInSteps(NextChangeIdSniffer s, byte[] body, int step) {
        byte[] buf = new byte[step];
        for (int off = 0; off < body.length; off += step) {
            int n = Math.min(step, body.length - off);
            System.arraycopy(body, off, buf, 0, n);
            java.util.Arrays.fill(buf, n, step, (byte) 'x');
            if (s.feed(buf, 0, n) != null) {
                return off + n;
            }
            if (!s.active()) {
                return -1;
            }
        }
        return -1;
    }

    @Test
    void findsTheIdByteByByteLongBeforeTheEnd() {
        byte[] body = bytes("{\"next_change_id\":\"3002-5259-4584-5491-1849\",\"stashes\":[" + "{}," .repeat(1000) + "{}]}");
        NextChangeIdSniffer s = new NextChangeIdSniffer();
        int fed = feedInSteps(s, body, 1);
        assertThat(s.result()).isEqualTo("3002-5259-4584-5491-1849");
        assertThat(fed).isLessThan(50);
        assertThat(s.active()).isFalse();
    }

    @Test
    void toleratesWhitespaceAndEscapesAndTreatsIdsAsOpaque() {
        byte[] body = bytes(" \n{ \"next_change_id\" :\n \"abc\\\"def-\\u0031\" , \"stashes\": [] }");
        NextChangeIdSniffer s = new NextChangeIdSniffer();
        feedInSteps(s, body, 3);
        assertThat(s.result()).isEqualTo("abc\"def-1");
    }

    @Test
    void givesUpWhenTheFirstFieldIsSomethingElse() {
        byte[] body = bytes("{\"stashes\":[],\"next_change_id\":\"1-2-3-4-5\"}");
        NextChangeIdSniffer s = new NextChangeIdSniffer();
        assertThat(feedInSteps(s, body, 4)).isEqualTo(-1);
        assertThat(s.active()).isFalse();
        assertThat(s.result()).isNull();
        assertThat(NextChangeIdSniffer.findInWholeBody(body, body.length)).isEqualTo("1-2-3-4-5");
    }

    @Test
    void givesUpOnNonObjectsAndNonStringIds() {
        NextChangeIdSniffer html = new NextChangeIdSniffer();
        feedInSteps(html, bytes("<html>503</html>"), 5);
        assertThat(html.active()).isFalse();
        NextChangeIdSniffer number = new NextChangeIdSniffer();
        feedInSteps(number, bytes("{\"next_change_id\":12,\"stashes\":[]}"), 5);
        assertThat(number.active()).isFalse();
        assertThat(number.result()).isNull();
    }

    @Test
    void wholeBodyScanSkipsNestedValuesAndRejectsGarbage() {
        byte[] body = bytes("{\"a\":{\"next_change_id\":\"nested\"},\"b\":[1,2],\"next_change_id\":\"top\"}");
        assertThat(NextChangeIdSniffer.findInWholeBody(body, body.length)).isEqualTo("top");
        byte[] none = bytes("{\"a\":1}");
        assertThat(NextChangeIdSniffer.findInWholeBody(none, none.length)).isNull();
        byte[] junk = bytes("not json");
        assertThat(NextChangeIdSniffer.findInWholeBody(junk, junk.length)).isNull();
    }
}
