package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemIdsTest {

    @Test
    void lowerCaseHexIdsAreTheirBytes() {
        String id = "8a3c2167c51e0e51e987ed3395a90dca63fed50b779f67502565fb50278da8b8";
        byte[] b = new byte[40];
        assertThat(ItemIds.encode(id, b, 4)).isTrue();
        assertThat(b[4]).isEqualTo((byte) 0x8a);
        assertThat(b[35]).isEqualTo((byte) 0xb8);
        assertThat(ItemIds.toHex(b, 4)).isEqualTo(id);
    }

    @Test
    void otherIdsAreHashedAndReportedAsText() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        String hex = "8a3c2167c51e0e51e987ed3395a90dca63fed50b779f67502565fb50278da8b8";
        assertThat(ItemIds.encode(hex.toUpperCase(), a, 0)).isFalse();
        assertThat(ItemIds.encode("short", b, 0)).isFalse();
        assertThat(a).isNotEqualTo(b);
        // a non-ASCII character whose low bits look like a hex digit
        String tricky = hex.substring(0, 63) + '\u0101';
        assertThat(ItemIds.encode(tricky, a, 0)).isFalse();
        assertThat(ItemIds.encode(hex.substring(0, 63) + 'g', a, 0)).isFalse();
    }
}
