package crux.web;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files under {@code static/} (stylesheet, script, icon), read once at start and served from memory at
 * fingerprinted paths: {@code css/crux.css} is linked as {@code /static/css/crux.<hash>.css}, where the hash is of its
 * content. A new version of a file is a new URL, so each URL's content never changes and browsers may keep it for a
 * year without asking again ({@code immutable}); the old names stay served from disk with an hour's caching for pages
 * cached before a deploy.
 *
 * <p>Each file is compressed once here, with gzip and (where the native Brotli library loads) Brotli at their best
 * settings, and the smallest form the browser accepts is sent: per request it is a lookup, not a compression.
 *
 * <p>With {@code CRUX_DEV=true} pages link the plain names instead, served from disk as they are edited.
 */
public final class Assets {

    private static final Logger log = LoggerFactory.getLogger(Assets.class);
    static final String PREFIX = "/static/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Characters of the content hash in a fingerprinted name: 48 bits, enough to tell versions of one file apart. */
    private static final int HASH_CHARS = 12;

    /** One file: its bytes as stored and compressed (null where compressing does not make it smaller). */
    public record Asset(String name, String path, String contentType, byte[] identity, byte[] gzip, byte[] brotli,
                        String hash) {
    }

    private final Map<String, Asset> byName;
    private final boolean plainNames;

    private Assets(Map<String, Asset> byName, boolean plainNames) {
        this.byName = byName;
        this.plainNames = plainNames;
    }

    /** No fingerprints: pages link {@code /static/<name>} (renderings without a running site, and tests of templates). */
    public static final Assets PLAIN = new Assets(Map.of(), true);

    /** Reads and compresses every file under {@code dir}; with {@code plainNames} (CRUX_DEV) pages link plain names. */
    public static Assets load(Path dir, boolean plainNames) {
        Map<String, Asset> byName = new LinkedHashMap<>();
        boolean brotli = brotliAvailable();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(file).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(file);
                String hash = sha256(bytes).substring(0, HASH_CHARS);
                String type = contentType(name);
                boolean compressible = type.startsWith("text/") || type.contains("svg") || type.contains("json");
                byName.put(name, new Asset(name, PREFIX + fingerprinted(name, hash), type, bytes,
                        compressible ? smaller(gzip(bytes), bytes) : null,
                        compressible && brotli ? smaller(brotli(bytes), bytes) : null, hash));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the static files in " + dir, e);
        }
        return new Assets(Map.copyOf(byName), plainNames);
    }

    /** The URL pages link a static file by; a name that is not a file here is linked plain (and answers 404). */
    public String url(String name) {
        Asset a = byName.get(name);
        return plainNames || a == null ? PREFIX + name : a.path();
    }

    public List<Asset> all() {
        return new ArrayList<>(byName.values());
    }

    /** {@code css/crux.css} with hash {@code h} → {@code css/crux.h.css}; a name without an extension gets {@code .h}. */
    static String fingerprinted(String name, String hash) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 ? name.substring(0, dot) + "." + hash + name.substring(dot) : name + "." + hash;
    }

    /** Answers a fingerprinted path: the smallest encoding the request accepts, cached for a year, 304 on a match. */
    public static void serve(Context ctx, Asset a) {
        Encoding e = Encoding.choose(ctx.header("Accept-Encoding"), a);
        String etag = "\"" + a.hash() + e.tagSuffix + "\"";
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.header("Vary", "Accept-Encoding");
        ctx.header("ETag", etag);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(a.contentType());
        if (e != Encoding.IDENTITY) {
            ctx.header("Content-Encoding", e.token);
        }
        ctx.result(e.bytes(a));
    }

    /** The encodings a file is kept in, best first. */
    enum Encoding {
        BROTLI("br", "-br"), GZIP("gzip", "-gz"), IDENTITY("identity", "");

        final String token;
        final String tagSuffix;

        Encoding(String token, String tagSuffix) {
            this.token = token;
            this.tagSuffix = tagSuffix;
        }

        byte[] bytes(Asset a) {
            return switch (this) {
                case BROTLI -> a.brotli();
                case GZIP -> a.gzip();
                case IDENTITY -> a.identity();
            };
        }

        /**
         * The best encoding {@code acceptEncoding} allows that the file is kept in: Brotli, then gzip, then as stored.
         * A coding listed with {@code q=0} is refused; {@code *} stands for any coding not listed.
         */
        static Encoding choose(String acceptEncoding, Asset a) {
            if (acceptEncoding == null || acceptEncoding.length() > 512) {
                return IDENTITY;
            }
            Map<String, Double> q = new LinkedHashMap<>();
            for (String part : acceptEncoding.split(",")) {
                String[] bits = part.trim().split(";");
                String coding = bits[0].trim().toLowerCase(Locale.ROOT);
                double weight = 1;
                for (int i = 1; i < bits.length; i++) {
                    String p = bits[i].trim();
                    if (p.startsWith("q=")) {
                        try {
                            weight = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException ignored) {
                            weight = 0;
                        }
                    }
                }
                if (!coding.isEmpty()) {
                    q.put(coding, weight);
                }
            }
            for (Encoding e : new Encoding[] {BROTLI, GZIP}) {
                if (e.bytes(a) != null && q.getOrDefault(e.token, q.getOrDefault("*", 0.0)) > 0) {
                    return e;
                }
            }
            return IDENTITY;
        }
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "css" -> "text/css; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "woff2" -> "font/woff2";
            case "json" -> "application/json";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    private static byte[] smaller(byte[] compressed, byte[] original) {
        return compressed != null && compressed.length < original.length ? compressed : null;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] brotli(byte[] bytes) {
        try {
            return Encoder.compress(bytes, new Encoder.Parameters().setQuality(11));
        } catch (IOException | RuntimeException | LinkageError e) {
            log.warn("Brotli could not compress a static file; gzip only: {}", e.toString());
            return null;
        }
    }

    /** Brotli is a native library: on a platform without it, files are sent gzipped or as stored. */
    static boolean brotliAvailable() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable e) {
            log.warn("Brotli is not available on this platform; static files are kept gzipped only: {}", e.toString());
            return false;
        }
    }

    /** Hex SHA-256 of {@code bytes} (the fingerprints here, the webjar file's ETag). */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
