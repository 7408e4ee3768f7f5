package io.stashwatch.poe.league;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeagueParsingTest {

    @Test
    void parsesARealLeagueList() throws Exception {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("leagues.json")) {
            body = in.readAllBytes();
        }
        List<League> leagues = LeagueClient.parse(body);
        assertThat(leagues).extracting(League::id).startsWith("Standard", "Hardcore", "SSF Standard", "SSF Hardcore",
                "Sentinel");
        League standard = leagues.get(0);
        assertThat(standard.realm()).isEqualTo("pc");
        assertThat(standard.endAt()).isNull();
        assertThat(standard.isActiveAt(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
        League ssfHc = leagues.get(3);
        assertThat(ssfHc.isHardcore()).isTrue();
        assertThat(ssfHc.isSoloSelfFound()).isTrue();
        League sentinel = leagues.get(4);
        assertThat(sentinel.startAt()).isEqualTo(Instant.parse("2022-05-13T20:00:00Z"));
        assertThat(sentinel.isActiveAt(Instant.parse("2030-01-01T00:00:00Z"))).isFalse();
    }
}
