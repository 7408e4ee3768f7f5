package io.stashwatch.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiverSplitSerializerTest {
    private static final RiverSplitSerializer SERIALIZER = RiverSplitSerializer.INSTANCE;

    @Test
    void aSplitSurvivesTheRoundTripWithItsWholePosition() throws IOException {
        for (RiverSplit split : List.of(
                new RiverSplit("pc", "2345678-2456789-2233445-2567890-2345678", 41_277, 1_735_689_600_000L + 41_277_000L),
                new RiverSplit("xbox", "", 0, 1_735_689_600_000L),
                new RiverSplit("sony", "1-2-3-4-5", Long.MAX_VALUE, -1L),
                new RiverSplit("realm ü", "id with ü and |", 7, 0))) {
            RiverSplit back = SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(split));
            assertThat(back).isEqualTo(split);
            assertThat(back.splitId()).isEqualTo(split.realm());
            assertThat(back.cursor()).isEqualTo(split.cursor());
            assertThat(back.seq()).isEqualTo(split.seq());
            assertThat(back.riverTime()).isEqualTo(split.riverTime());
        }
    }

    @Test
    void readsTheVersionOneLayoutWrittenByHand() throws IOException {
        // Checkpoints written by earlier builds must stay readable: realm, cursor (modified UTF-8), seq, river time.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("pc");
            out.writeUTF("100-200-300-400-500");
            out.writeLong(12);
            out.writeLong(1_735_689_612_000L);
        }
        assertThat(SERIALIZER.getVersion()).isEqualTo(1);
        assertThat(SERIALIZER.deserialize(1, bytes.toByteArray()))
                .isEqualTo(new RiverSplit("pc", "100-200-300-400-500", 12, 1_735_689_612_000L));
        assertThat(SERIALIZER.serialize(new RiverSplit("pc", "100-200-300-400-500", 12, 1_735_689_612_000L)))
                .isEqualTo(bytes.toByteArray());
    }

    @Test
    void refusesAnUnknownVersion() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new RiverSplit("pc", "x", 1, 2));
        assertThatThrownBy(() -> SERIALIZER.deserialize(2, bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void theStateMovesOnlyWhenAdvancedAndGivesBackAnEqualSplit() {
        RiverSplit split = new RiverSplit("pc", "a", 3, 3000);
        RiverSplitState state = new RiverSplitState(split);
        assertThat(state.toSplit()).isEqualTo(split);
        state.advance("b", 4, 4000);
        assertThat(state.toSplit()).isEqualTo(new RiverSplit("pc", "b", 4, 4000));
        assertThat(split.cursor()).as("the split itself is immutable").isEqualTo("a");
    }
}
