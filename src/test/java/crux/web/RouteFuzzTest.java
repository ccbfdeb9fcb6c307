package crux.web;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.RATE_COUNTER;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.Member;
import crux.accounts.SessionRepository;
import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of the route table, as every kind of visitor (anonymous, member, suspended member, moderator past
 * two-factor, admin), sent a corpus of malformed values (wrong types, sizes, encodings, Unicode classes, unknown ids)
 * in its path parameters and in every query and form field Crux's templates and code name. No answer may be a 5xx or
 * show a stack trace or a library's name, and a refusal (4xx) changes no row of any table. The routes come from the
 * running app's table and the field names from the templates, so a route or field added tomorrow is fuzzed too.
 */
class RouteFuzzTest {

    /** A malformed value: how it is written into a URL or form body (already percent-encoded) and what it is. */
    record Value(String label, String encoded) {
        static Value text(String label, String raw) {
            return new Value(label, URLEncoder.encode(raw, StandardCharsets.UTF_8));
        }
    }

    static final List<Value> CORPUS = List.of(
            Value.text("empty", ""),
            Value.text("wrong types", "-1.5e3"),
            Value.text("overflow and bad date", "9223372036854775808"),
            Value.text("markup, traversal, sql, template", "<script>x</script>../../etc/passwd' OR '1'='1'; --"
                    + " ${7*7}[[${T(java.lang.Runtime)}]]__${x}__::2025-02-30"),
            Value.text("controls and CRLF", "a\u0000b\u0001c\u007Fd\u0085e\r\nSet-Cookie: crux_session=evil\r\n"),
            Value.text("noncharacters, bidi, zero-width, emoji, combining", "\uFFFF\uFFFE\uFDD0"
                    + new String(Character.toChars(0x10FFFF)) + "\u202Eevil\u2066\u200B\uD83D\uDE00e\u0301\u0345"
                    + " \u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD"),
            new Value("lone surrogate (CESU bytes) and invalid UTF-8", "%ED%A0%80%C3%28%FF%FE"),
            new Value("bad escapes", "%zz%4%"),
            // every field this long still fits in a body under the limit, so handlers see it (GETs: Jetty refuses the URL)
            Value.text("large", "x".repeat(4_000)),
            Value.text("over the body limit", "y".repeat((int) Web.MAX_REQUEST_BYTES + 1)));

    /** Values also put in place of path parameters (ids and names): unknown, wrong type and size, odd encodings. */
    static final List<Value> PATH_CORPUS = List.of(
            Value.text("unknown id", "987654321"),
            Value.text("overflow and markup", "99999999999999999999999<b>"),
            new Value("encoded slash, invalid UTF-8, noncharacter", "%2F..%2F%C3%28%EF%BF%BF"));

    /** Words that only an internal error would put on a page. */
    static final List<String> LEAKS = List.of("Exception", "\tat ", "at crux.", "org.jooq", "org.h2", "org.postgresql",
            "org.eclipse.jetty", "jetty", "Hikari", "javalin", "thymeleaf", "stack trace", "SQLState");

    /** An attribute holding a random token: the page's CSRF token, a post token. */
    static final Pattern TOKEN_VALUE = Pattern.compile("\\b(value|content)=\"[A-Za-z0-9_.-]{16,}\"");

    /** Query names that Java code builds (sorts, views), besides those the templates write. */
    static final Set<String> KNOWN_QUERY_NAMES = Set.of("page", "sort", "view", "results", "next", "moderator", "action");

    record Role(String name, String session, String csrf) {
    }

    static TestApp app;
    static HttpClient http;
    static HttpClient oversized;
    static List<Role> roles;
    static Set<String> fields;
    static Map<String, String> validPathValues;

    @BeforeAll
    static void start() throws IOException {
        app = TestApp.start("h2", Map.of("CRUX_WRITE_BUDGET", "100000000"));
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        oversized = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        fields = fieldNames();
        app.member("fuzz-member");
        app.member("fuzz-suspended");
        app.dsl().update(MEMBER).set(MEMBER.SUSPENDED_UNTIL, OffsetDateTime.now().plusDays(3))
                .where(MEMBER.NAME.eq("fuzz-suspended")).execute();
        app.member("fuzz-moderator", "moderator");
        app.member("fuzz-admin", "admin");
        app.account("fuzz-target");
        TestClient author = app.member("fuzz-author");
        long prediction = app.dsl().select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq("prediction")).orderBy(ITEM.ID)
                .limit(1).fetchOne().value1();
        TestClient.Response posted = author.submit("/about", "/items/" + prediction + "/arguments",
                TestClient.form("side", "supports", "body", "A comment for the fuzzer.", "token", PostTokens.next()));
        assertThat(posted.status()).isEqualTo(302);
        String comment = posted.location().replaceAll(".*#comment-", "");
        validPathValues = Map.of("items", Long.toString(prediction), "comments", comment, "members", "fuzz-target",
                "users", "fuzz-target");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /**
     * Every field name Crux's pages submit: name attributes and the form-field fragments' names in the templates, and
     * the query names the templates and Java code build.
     */
    static Set<String> fieldNames() throws IOException {
        Set<String> names = new TreeSet<>(KNOWN_QUERY_NAMES);
        List<Pattern> patterns = List.of(Pattern.compile("\\bname=\"([A-Za-z_][A-Za-z0-9_-]*)\""),
                Pattern.compile("fragments :: \\w+\\([^,]+, *'([A-Za-z_]+)'"),
                Pattern.compile("[?&]([A-Za-z_]+)="));
        Path root = TestApp.repositoryRoot();
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("templates")),
                Files.walk(root.resolve("src/main/java/crux")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                for (Pattern p : patterns) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        // page metadata, not form fields; the CSRF token is sent valid, so that the route itself is what is fuzzed
        names.removeAll(Set.of("viewport", "color-scheme", "htmx-config", "csrf-token", Gate.CSRF_FIELD));
        return names;
    }

    /** A fresh session per visitor (a route may end it: sign-out, a ban, a deleted account). */
    static List<Role> freshRoles() {
        List<Role> r = new ArrayList<>();
        r.add(anonymous());
        for (String who : List.of("fuzz-member", "fuzz-suspended", "fuzz-moderator", "fuzz-admin")) {
            Member m = app.memberNamed(who);
            SessionRepository.Created s = app.services().sessions().create(m, m.moderator(), "fuzz", "127.0.0.1");
            r.add(new Role(who.substring("fuzz-".length()), s.token(), s.session().csrf()));
        }
        return r;
    }

    static Role anonymous() {
        TestClient c = app.client();
        String token = c.csrf("/login");
        return new Role("anonymous", c.cookieValue(SessionRepository.COOKIE), token);
    }

    record Answer(int status, String location, String contentType, String body) {
    }

    static Answer send(Role role, HandlerType method, String path, String fields) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path
                    + (method == HandlerType.GET && !fields.isEmpty() ? "?" + fields : "")));
        } catch (IllegalArgumentException notAUri) {
            return null; // a value the HTTP client refuses to put in a URL (a bad escape): it cannot be sent
        }
        b.timeout(Duration.ofSeconds(30)).header("Cookie", SessionRepository.COOKIE + "=" + role.session());
        if (method == HandlerType.POST) {
            b.header("Content-Type", "application/x-www-form-urlencoded").header("Origin", app.baseUrl())
                    .header(Gate.CSRF_HEADER, role.csrf())
                    .POST(HttpRequest.BodyPublishers.ofString(fields));
        } else {
            b.GET();
        }
        // a body over the limit goes on connections of its own: the server closes one after refusing it
        HttpClient client = fields.length() > Web.MAX_REQUEST_BYTES ? oversized : http;
        HttpRequest request = b.build();
        try {
            try {
                return answer(client.sendAsync(request, EVENT_STREAMS_UNREAD).get(30, TimeUnit.SECONDS));
            } catch (ExecutionException staleConnection) {
                // Jetty closes a connection after an early answer to a large body it did not read; the client may
                // have sent this request on it before it saw that: the server never read it, so it is sent again
                return answer(client.sendAsync(request, EVENT_STREAMS_UNREAD).get(30, TimeUnit.SECONDS));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException && fields.length() > Web.MAX_REQUEST_BYTES) {
                // refused before it was read: the server answered and closed the connection while it was being sent
                return new Answer(413, null, "", "");
            }
            throw new IllegalStateException(method + " " + path, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within 30 s: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer answer(HttpResponse<String> r) {
        return new Answer(r.statusCode(), r.headers().firstValue("Location").orElse(null),
                r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /**
     * Bodies as text, but a live stream (which never ends) as nothing: its headers are the answer, and its connection
     * stays with it, discarding its events, rather than go back to the client's pool mid-stream.
     */
    static final HttpResponse.BodyHandler<String> EVENT_STREAMS_UNREAD = info ->
            info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")
                    ? HttpResponse.BodySubscribers.replacing("")
                    : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

    /** The route's path with every parameter set to a valid value (or the given one). */
    static String path(Route r, String forced) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(r.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String before = r.path().substring(0, m.start());
            String segment = before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
            String value = forced != null ? forced : validPathValues.getOrDefault(segment, "987654321");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every field set to the value; a value over the body limit on its own, once, so that it is what is refused. */
    static String fields(Value v) {
        if (v.encoded().length() > Web.MAX_REQUEST_BYTES / 2) {
            return "body=" + v.encoded();
        }
        return fields.stream().map(f -> f + "=" + v.encoded()).collect(Collectors.joining("&"));
    }

    /**
     * Rows of every table but rate_counter (a refused sign-in or code rightly counts against its limit) and item_visit
     * (an item page viewed just before notes the visit without waiting: see TestApp.snapshot), at once.
     */
    static List<Object> rowCounts() {
        List<org.jooq.Field<?>> counts = new ArrayList<>();
        for (Table<?> t : crux.db.generated.DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            if (!t.equals(RATE_COUNTER) && !t.equals(crux.db.generated.Tables.ITEM_VISIT)) {
                counts.add(DSL.field(DSL.selectCount().from(t)).as(t.getName()));
            }
        }
        return app.dsl().select(counts).fetchOne().intoList();
    }

    /** A request's status (0: not sendable) and what was wrong with its answer (nothing: null). */
    record Outcome(int status, String location, String problem) {
    }

    static Outcome check(Role role, Route route, String path, boolean inPath, Value v) {
        Answer a = send(role, route.method(), path, fields(v));
        if (a == null) {
            return new Outcome(0, null, null);
        }
        String what = route.method() + " " + route.path() + " as " + role.name() + " with " + v.label()
                + (inPath ? " in the path" : " in the fields");
        if (a.status() >= 500) {
            return new Outcome(a.status(), a.location(), what + ": " + a.status());
        }
        if (a.status() < 400 && !a.contentType().startsWith("text/html")) {
            // data for machines (feeds, JSON, CSV, metrics, which name the connection pool): only pages and refusals
            // are read by people, and only there would a library's name be a leak
            return new Outcome(a.status(), a.location(), null);
        }
        // random tokens (CSRF, post tokens: Base64url) are left out: one may spell a library's name by chance
        String body = TOKEN_VALUE.matcher(a.body()).replaceAll("$1=\"\"").toLowerCase(Locale.ROOT);
        return new Outcome(a.status(), a.location(), LEAKS.stream().filter(l -> body.contains(l.toLowerCase(Locale.ROOT)))
                .findFirst().map(l -> what + ": the body shows \"" + l + "\"").orElse(null));
    }

    /** Each route with valid path parameters and every value in its fields, then each path value in its path. */
    static List<String[]> requests(Route route) {
        List<String[]> r = new ArrayList<>();
        for (int i = 0; i < CORPUS.size(); i++) {
            r.add(new String[] {path(route, null), "fields", Integer.toString(i)});
        }
        if (route.path().contains("{")) {
            for (int i = 0; i < PATH_CORPUS.size(); i++) {
                r.add(new String[] {path(route, PATH_CORPUS.get(i).encoded()), "path", Integer.toString(i)});
            }
        }
        return r;
    }

    /**
     * True when the gate refused the visitor before the handler read anything (sign in first, staff only, suspended):
     * other values cannot reach the handler either, so they are not sent.
     */
    static boolean refusedByTheGate(Outcome o) {
        return o.status() == 403 || o.status() == 302 && o.location() != null
                && (o.location().startsWith("/login") || o.location().startsWith("/two-factor")
                || o.location().startsWith("/settings/two-factor"));
    }

    static Value value(String[] request) {
        int i = Integer.parseInt(request[2]);
        return request[1].equals("path") ? PATH_CORPUS.get(i) : CORPUS.get(i);
    }

    /**
     * Sends every request of one route as one visitor, one after another: for a write, counting every table's rows
     * around each (a refusal must leave them as they were). Stops after the first when the gate refused the visitor.
     */
    static void fuzz(Route route, Role role, List<String> problems, java.util.concurrent.atomic.AtomicInteger sent) {
        boolean write = route.method() != HandlerType.GET;
        for (String[] request : requests(route)) {
            List<Object> before = write ? rowCounts() : null;
            Value v = value(request);
            sent.incrementAndGet();
            Outcome o = check(role, route, request[0], request[1].equals("path"), v);
            if (o.problem() != null) {
                problems.add(o.problem());
            }
            if (write && o.status() >= 400 && !rowCounts().equals(before)) {
                problems.add(route.method() + " " + route.path() + " as " + role.name() + " with " + v.label()
                        + ": refused with " + o.status() + " but rows changed");
            }
            if (refusedByTheGate(o)) {
                return;
            }
        }
    }

    /** Writes one at a time (for the row counts); reads, which write nothing whatever they answer, four at a time. */
    @Test
    void noRouteAnswersMalformedInputWithAServerErrorALeakOrAWriteItRefused() throws Exception {
        assertThat(app.routes()).isNotEmpty();
        assertThat(fields).contains("body", "reason", "statement", "probability", "code", "name", "page");
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
            for (Route route : app.routes()) {
                for (Role role : freshRoles()) {
                    if (route.method() == HandlerType.GET) {
                        reads.add(readers.submit(() -> fuzz(route, role, problems, sent)));
                    } else {
                        app.resetLimits();
                        fuzz(route, role, problems, sent);
                    }
                }
            }
            for (java.util.concurrent.Future<?> f : reads) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(problems).as("of %d requests", sent.get()).isEmpty();
        assertThat(sent.get()).as("requests sent").isGreaterThan(app.routes().size() * CORPUS.size());
    }
}
