package crux.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A person's browser, as far as HTTP goes: its own cookies, no automatic redirects. */
public final class TestClient {

    /** What came back. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body, String uri) {
        public Document html() {
            return Jsoup.parse(body, uri);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String location() {
            return header("Location").orElseThrow(() -> new AssertionError("no Location header; status " + status));
        }
    }

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    TestClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A client for a Crux this test did not start in-process (a child JVM). */
    public static TestClient at(String base) {
        return new TestClient(base);
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), path);
    }

    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        return send(b, path);
    }

    /** A form POST, as a browser sends it (same-origin). */
    public Response post(String path, Map<String, String> form) {
        return post(path, form, Map.of("Origin", base));
    }

    public Response post(String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(b::header);
        return send(b, path);
    }

    public Response postRaw(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b, path);
    }

    public Response send(HttpRequest.Builder builder, String path) {
        try {
            HttpResponse<String> r = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers(), r.body(), base + path);
        } catch (IOException e) {
            throw new IllegalStateException("request to " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    public void setCookie(String name, String value) {
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setVersion(0);
        // the domain the CookieManager gives the server's own cookies, so this one replaces theirs, not sits beside it
        c.setDomain(URI.create(base).getHost());
        cookies.getCookieStore().add(URI.create(base), c);
    }

    /** The CSRF token of the page at {@code path} (from its forms), as a browser would submit it. */
    public String csrf(String path) {
        Response r = get(path);
        org.jsoup.nodes.Element meta = r.html().selectFirst("meta[name=csrf-token]");
        if (meta == null) {
            throw new AssertionError("no CSRF token on " + path + " (status " + r.status() + ")");
        }
        return meta.attr("content");
    }

    /** Posts a form with the CSRF token taken from {@code fromPage}, as a browser submitting that page would. */
    public Response submit(String fromPage, String action, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrf(fromPage));
        return post(action, withToken);
    }

    /**
     * Posts a form with a token fetched beforehand by {@link #csrf}: unlike {@link #submit}, nothing is fetched
     * between a test's "before" snapshot and the request itself.
     */
    public Response postWithToken(String action, String token, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", token);
        return post(action, withToken);
    }

    /** Registers over HTTP as a person would: the form page first (for its token), then the form. */
    public Response register(String name, String password) {
        return submit("/register", "/register", form("name", name, "password", password, "confirm", password));
    }

    /** Signs in over HTTP as a person would. */
    public Response login(String name, String password) {
        return submit("/login", "/login", form("name", name, "password", password));
    }

    /** The value of a cookie this client holds, or null. */
    public String cookieValue(String name) {
        return cookie(name).map(HttpCookie::getValue).orElse(null);
    }

    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static Map<String, String> form(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
