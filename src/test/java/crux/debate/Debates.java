package crux.debate;

import static crux.testing.TestClient.form;

import crux.testing.TestClient;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Posting to the debate over HTTP as a browser would, for the tests. */
final class Debates {

    private static final Pattern ANCHOR = Pattern.compile("#comment-(\\d+)$");
    /** Any Crux page carries the session's CSRF token; this one is small. */
    private static final String PAGE = "/about";

    private Debates() {
    }

    static TestClient.Response argue(TestClient c, long itemId, String side, String body) {
        return argue(c, itemId, side, body, PostTokens.next());
    }

    static TestClient.Response argue(TestClient c, long itemId, String side, String body, String token) {
        return c.submit(PAGE, "/items/" + itemId + "/arguments", form("side", side, "body", body, "token", token));
    }

    static TestClient.Response reply(TestClient c, long commentId, String body) {
        return c.submit(PAGE, "/comments/" + commentId + "/replies", form("body", body, "token", PostTokens.next()));
    }

    static TestClient.Response vote(TestClient c, long commentId, String vote) {
        return c.submit(PAGE, "/comments/" + commentId + "/vote", form("vote", vote));
    }

    /** Posts and returns the new comment's id, failing unless the answer is the redirect to its anchor. */
    static long argueId(TestClient c, long itemId, String side, String body) {
        return id(argue(c, itemId, side, body));
    }

    static long replyId(TestClient c, long commentId, String body) {
        return id(reply(c, commentId, body));
    }

    static long id(TestClient.Response r) {
        if (r.status() != 302) {
            throw new AssertionError("expected a redirect to the comment, got " + r.status() + ": "
                    + r.html().select("main").text());
        }
        Matcher m = ANCHOR.matcher(r.location());
        if (!m.find()) {
            throw new AssertionError("not a comment anchor: " + r.location());
        }
        return Long.parseLong(m.group(1));
    }

    /** A POST as htmx sends it. */
    static TestClient.Response htmx(TestClient c, String action, Map<String, String> fields) {
        Map<String, String> withToken = new java.util.LinkedHashMap<>(fields);
        withToken.put("_csrf", c.csrf(PAGE));
        return c.post(action, withToken, Map.of("Origin", c.base(), "HX-Request", "true"));
    }
}
