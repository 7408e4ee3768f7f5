package io.stashwatch.poe.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserAgentTest {

    @Test
    void hasTheFormatGggRequires() {
        assertThat(UserAgent.of("myapp", "me@example.com"))
                .matches("^OAuth myapp/\\d+\\.\\d+\\.\\d+\\S* \\(contact: me@example\\.com\\)$");
    }

    @Test
    void versionFallsBackWhenNotInAJar() {
        // Tests run from classes, which have no manifest.
        assertThat(UserAgent.version()).isEqualTo(UserAgent.FALLBACK_VERSION);
    }
}
