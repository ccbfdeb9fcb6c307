package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import crux.testing.TestApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static files as browsers like them: linked at URLs carrying a hash of their content, kept for a year, compressed
 * once (gzip, Brotli) and sent in the best encoding the browser accepts, byte for byte the file on disk once decoded.
 */
class AssetsHttpTest {

    static TestApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> linked() {
        Document page = app.client().get("/").html();
        return List.of(page.select("link[rel=stylesheet]").attr("href"), page.select("link[rel=icon]").attr("href"),
                page.select("script[src^=/static/]").attr("src"));
    }

    @Test
    void pagesLinkEachFileByItsContentAndItIsKeptForAYear() throws Exception {
        List<String> urls = linked();
        assertThat(urls).containsExactly(
                "/static/css/crux." + hashOf("css/crux.css") + ".css",
                "/static/favicon." + hashOf("favicon.svg") + ".svg",
                "/static/js/crux." + hashOf("js/crux.js") + ".js");
        byte[] css = Files.readAllBytes(TestApp.repositoryRoot().resolve("static/css/crux.css"));
        HttpResponse<byte[]> plain = get(urls.get(0), Map.of());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(css);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Set-Cookie")).as("no session for a stylesheet").isEmpty();
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(get(urls.get(0), Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

        // a made-up fingerprint is nothing; the plain name still answers, for pages cached before a deploy
        assertThat(get("/static/css/crux.000000000000.css", Map.of()).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> old = get("/static/css/crux.css", Map.of());
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
    }

    @Test
    void theBestEncodingAcceptedIsSentAndDecodesToTheFile() throws Exception {
        String js = linked().get(2);
        byte[] file = Files.readAllBytes(TestApp.repositoryRoot().resolve("static/js/crux.js"));

        HttpResponse<byte[]> br = get(js, Map.of("Accept-Encoding", "gzip, deflate, br"));
        assertThat(br.headers().firstValue("Content-Encoding")).hasValue("br");
        assertThat(br.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(br.body().length).isLessThan(file.length / 2);
        assertThat(Decoder.decompress(br.body()).getDecompressedData()).isEqualTo(file);

        HttpResponse<byte[]> gz = get(js, Map.of("Accept-Encoding", "br;q=0, gzip"));
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes()).isEqualTo(file);
        String gzTag = gz.headers().firstValue("ETag").orElseThrow();
        assertThat(gzTag).as("each encoding its own tag").isNotEqualTo(br.headers().firstValue("ETag").orElseThrow());
        assertThat(get(js, Map.of("Accept-Encoding", "gzip", "If-None-Match", gzTag)).statusCode()).isEqualTo(304);

        assertThat(get(js, Map.of("Accept-Encoding", "gzip;q=0, br;q=0")).headers().firstValue("Content-Encoding"))
                .isEmpty();
        assertThat(get(js, Map.of("Accept-Encoding", "x".repeat(4000))).body()).as("odd headers get the file")
                .isEqualTo(file);
    }

    @Test
    void aChangedFileGetsANewUrlAndDevelopmentLinksPlainNames(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("css"));
        Files.writeString(dir.resolve("css/site.css"), "body { color: black }\n".repeat(50));
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Assets first = Assets.load(dir, false);
        String before = first.url("css/site.css");
        assertThat(before).matches("/static/css/site\\.[0-9a-f]{12}\\.css");
        Assets.Asset png = first.all().stream().filter(a -> a.name().equals("logo.png")).findFirst().orElseThrow();
        assertThat(png.gzip()).as("compressing an image is not tried").isNull();
        assertThat(png.contentType()).isEqualTo("image/png");

        Files.writeString(dir.resolve("css/site.css"), "body { color: navy }\n".repeat(50));
        assertThat(Assets.load(dir, false).url("css/site.css")).isNotEqualTo(before).startsWith("/static/css/site.");
        assertThat(Assets.load(dir, true).url("css/site.css")).isEqualTo("/static/css/site.css");
        assertThat(first.url("css/missing.css")).isEqualTo("/static/css/missing.css");
        assertThat(Assets.fingerprinted("LICENSE", "abc")).isEqualTo("LICENSE.abc");
        assertThat(Assets.fingerprinted(".hidden", "abc")).isEqualTo(".hidden.abc");
    }

    private static String hashOf(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(TestApp.repositoryRoot().resolve("static").resolve(name));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    }
}
