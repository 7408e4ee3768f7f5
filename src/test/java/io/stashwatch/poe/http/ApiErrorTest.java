package io.stashwatch.poe.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesPoeErrors() {
        ApiError e = ApiError.parse(b("{\"error\":{\"code\":2,\"message\":\"Invalid query\"}}"));
        assertThat(e.code()).isEqualTo(ApiError.INVALID_QUERY);
        assertThat(e.message()).isEqualTo("Invalid query");
        assertThat(e.describe()).isEqualTo("code 2: Invalid query");
        assertThat(ApiError.parse(ApiError.body(3, "Rate \"limit\" exceeded")).message()).isEqualTo("Rate \"limit\" exceeded");
    }

    @Test
    void parsesOAuthErrors() {
        ApiError e = ApiError.parse(b("{\"error\":\"invalid_client\",\"error_description\":\"wrong secret\"}"));
        assertThat(e.code()).isEqualTo(-1);
        assertThat(e.oauthError()).isEqualTo("invalid_client");
        assertThat(e.describe()).isEqualTo("invalid_client: wrong secret");
    }

    @Test
    void anythingElseIsNoDetails() {
        assertThat(ApiError.parse(b("<html>503</html>")).describe()).isEqualTo("no error details");
        assertThat(ApiError.parse(new byte[0]).code()).isEqualTo(-1);
        assertThat(ApiError.parse(b("{\"next_change_id\":1,\"markets\":[]}")).code()).isEqualTo(-1);
        assertThat(ApiError.parse(b("{\"error\":{\"code\":\"x\"}}")).describe()).isEqualTo("no error details");
    }
}
