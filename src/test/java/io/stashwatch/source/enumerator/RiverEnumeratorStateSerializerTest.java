package io.stashwatch.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.source.split.RiverSplit;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiverEnumeratorStateSerializerTest {
    private final RiverEnumeratorStateSerializer serializer = new RiverEnumeratorStateSerializer();

    @Test
    void initializedRealmsAndPendingSplitsSurviveTheRoundTrip() throws IOException {
        RiverEnumeratorState state = new RiverEnumeratorState(new LinkedHashSet<>(List.of("pc", "xbox", "sony")),
                List.of(new RiverSplit("xbox", "", 0, 1_000), new RiverSplit("sony", "9-9-9-9-9", 17, 18_000)));
        RiverEnumeratorState back = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
        assertThat(back.initializedRealms()).containsExactlyInAnyOrder("pc", "xbox", "sony");
        assertThat(back.pending()).containsExactlyElementsOf(state.pending());
    }

    @Test
    void anEmptyStateStaysEmpty() throws IOException {
        RiverEnumeratorState back = serializer.deserialize(1, serializer.serialize(new RiverEnumeratorState(Set.of(), List.of())));
        assertThat(back.initializedRealms()).isEmpty();
        assertThat(back.pending()).isEmpty();
    }

    @Test
    void refusesAnUnknownVersion() throws IOException {
        byte[] bytes = serializer.serialize(new RiverEnumeratorState(Set.of("pc"), List.of()));
        assertThatThrownBy(() -> serializer.deserialize(7, bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 7");
    }

    @Test
    void refusesTruncatedBytes() throws IOException {
        byte[] bytes = serializer.serialize(new RiverEnumeratorState(Set.of("pc"),
                List.of(new RiverSplit("pc", "1-2-3-4-5", 3, 3_000))));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> serializer.deserialize(1, cut)).isInstanceOf(IOException.class);
    }
}
