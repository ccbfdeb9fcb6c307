package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a next= parameter may lead: only to a path on Crux itself. */
class FormsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/settings", "/items/3", "/mod", "/users/Zo%C3%AB", "/login?next=%2Fmod",
            "/items/3#arguments", "/%2F%2Fevil.com", "/a:b"})
    void pathsOnCruxAreKept(String next) {
        assertThat(Forms.safeNext(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "///evil.com", "/\\evil.com", "\\\\evil.com", "/\\/evil.com",
            "https://evil.com", "http://evil.com/", "HTTPS://evil.com", "javascript:alert(1)", "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "evil.com", "settings", "\t/evil", " /settings",
            "/\r\nSet-Cookie: crux_session=x", "/settings\r\nLocation: https://evil.com", "/\nfoo", "/\tfoo",
            "/ foo", "/\u0000", "/\u007f", "/\u0085evil", "/\u2028evil", "/\u010d\u010aSet-Cookie:x", "/ｅｖｉｌ",
            "/\uFF0F\uFF0Fevil.com", ""})
    void anythingElseLeadsHome(String next) {
        assertThat(Forms.safeNext(next)).isEqualTo("/");
    }

    @Test
    void missingOrHugeLeadsHome() {
        assertThat(Forms.safeNext(null)).isEqualTo("/");
        assertThat(Forms.safeNext("/" + "a".repeat(600))).isEqualTo("/");
    }
}
