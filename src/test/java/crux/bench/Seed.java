package crux.bench;

import crux.App;
import crux.Config;
import crux.accounts.Passwords;
import crux.db.Database;
import crux.debate.ThreadPath;
import crux.debate.ThreadTree;
import crux.forecasts.ForecastReplay;
import crux.web.VisitorTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The benchmark's dataset, the same for the same seed: members, stances, forecasts and a debate, with every
 * counter (item tallies, community forecast, forecaster count, reply counts, thread paths) consistent with the
 * rows, written with JDBC batches into a fresh database. Also writes ready sessions for wrk: signed-in sessions
 * ({@code token csrf}) and visitors' sign-in form tokens with a member name to sign in as
 * ({@code cookie token name}; valid for {@link VisitorTokens#LIFETIME} from seeding).
 *
 * <p>A tool of the benchmark, not part of Crux: it lives with the tests, so the jar does not carry it, and
 * {@code .bench/run} runs it on the jar and the test classes, against the database Crux's settings name:
 * {@code java -cp target/crux.jar:target/test-classes Seed make --seed 42 --out DIR}, and after a run
 * {@code … Seed check}.
 */
public final class Seed {

    public static final int MEMBERS = 5_000;
    public static final int STANCES = 100_000;
    public static final int FORECASTS = 20_000;
    public static final int COMMENTS = 20_000;
    public static final int BIG_THREAD = 2_000;
    public static final int SMALL_THREAD = 20;
    /**
     * Members with a ready session: the write scenarios rotate over all of them (many members writing at once, each
     * spending their own budget); the reading scenarios use the first 2,000.
     */
    public static final int SESSIONS = 4_000;
    /** Visitors' sign-in form tokens, each for signing in as a member without a ready session. */
    public static final int PRE_LOGIN = 2_000;
    /** Every generated member's password (the login scenario signs in with it). */
    public static final String PASSWORD = "bench-password-42";
    private static final String[] STANCE_NAMES = {"agree", "unsure", "disagree"};
    private static final String[] SIDES = {"supports", "opposes", "question"};

    /** What the benchmark script needs to know about the data it made. */
    public record Made(long bigItem, long smallItem, long predictionItem, long claimItem) {
    }

    private static final String USAGE = """
            Usage: java -cp target/crux.jar:target/test-classes Seed make [--seed N] [--out DIR]
                       fill a fresh database for .bench/run (seed 42, sessions to .bench/out unless given)
                   java -cp target/crux.jar:target/test-classes Seed check
                       counters equal the rows after a benchmark""";

    private Seed() {
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.exit(command(Config.fromEnvironment(), args));
    }

    /** Runs {@code make} or {@code check} against the configured database; returns the process exit code. */
    static int command(Config config, String[] args) {
        boolean make = args.length > 0 && args[0].equals("make");
        if (!make && !(args.length == 1 && args[0].equals("check"))) {
            System.err.println("Unknown command: " + String.join(" ", args) + "\n" + USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>(Map.of("--seed", "42", "--out", ".bench/out"));
        for (int i = 1; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 == args.length) {
                System.err.println("Unknown option or missing value: " + args[i] + "\n" + USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        long seed;
        try {
            seed = Long.parseLong(options.get("--seed"));
        } catch (NumberFormatException e) {
            System.err.println("The seed must be a whole number, not '" + options.get("--seed") + "'.");
            return 2;
        }
        config.checkHome();
        try (Database db = App.openDatabase(config)) {
            if (!make) {
                return check(db.dataSource()) ? 0 : 1;
            }
            long t0 = System.nanoTime();
            Made made = run(config, db.dataSource(), seed, Path.of(options.get("--out")));
            System.out.printf("MADE big=%d small=%d prediction=%d claim=%d seconds=%.1f%n", made.bigItem(),
                    made.smallItem(), made.predictionItem(), made.claimItem(), (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (NotFresh e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (SQLException | IOException e) {
            System.err.println("bench: " + e);
            return 1;
        }
    }

    /** The seeder only fills an empty database: its ids, counters and sessions assume nothing else is there. */
    static final class NotFresh extends Exception {
        NotFresh(String message) {
            super(message);
        }
    }

    public static Made run(Config config, DataSource ds, long seed, Path out) throws SQLException, IOException, NotFresh {
        Random random = new Random(seed);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            if (count(c, "SELECT COUNT(*) FROM member") > 0) {
                throw new NotFresh("The seeder fills a fresh database; this one already has members.");
            }
            List<long[]> items = new ArrayList<>(); // id, isPrediction(1/0), open for forecasts (1/0)
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, kind, status, resolve_by FROM item WHERE retired_at IS NULL ORDER BY position, id")) {
                while (r.next()) {
                    boolean prediction = r.getString(2).equals("prediction");
                    LocalDate by = r.getObject(4, LocalDate.class);
                    boolean open = prediction && r.getString(3).equals("open") && by != null && by.isAfter(now.toLocalDate());
                    items.add(new long[] {r.getLong(1), prediction ? 1 : 0, open ? 1 : 0});
                }
            }
            long[] memberIds = members(c, config, random, now);
            stances(c, random, now, memberIds, items);
            long prediction = forecasts(c, random, now, memberIds, items);
            long[] claims = items.stream().filter(i -> i[1] == 0).mapToLong(i -> i[0]).toArray();
            long big = claims[0];
            long small = claims[1];
            comments(c, random, now, memberIds, items, big, small);
            sessions(c, random, now, memberIds, out);
            c.commit();
            return new Made(big, small, prediction, claims[0]);
        }
    }

    private static long[] members(Connection c, Config config, Random random, OffsetDateTime now) throws SQLException {
        // One Argon2 hash for all (each takes ~100 ms): salts repeat, which matters for nothing but this benchmark.
        String hash = new Passwords(config.passwordParams()).hash(PASSWORD);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO member (name, name_key, password_hash, role, created_at) VALUES (?, ?, ?, 'member', ?)")) {
            for (int i = 1; i <= MEMBERS; i++) {
                String name = String.format("bench%05d", i);
                p.setString(1, name);
                p.setString(2, name);
                p.setString(3, hash);
                p.setObject(4, now.minusDays(60).plusMinutes(random.nextInt(60 * 24 * 30)));
                p.addBatch();
            }
            p.executeBatch();
        }
        long[] ids = new long[MEMBERS];
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM member ORDER BY name_key")) {
            int i = 0;
            while (r.next()) {
                ids[i++] = r.getLong(1);
            }
        }
        return ids;
    }

    private static void stances(Connection c, Random random, OffsetDateTime now, long[] members, List<long[]> items)
            throws SQLException {
        int pairs = members.length * items.size();
        int[] order = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            order[i] = i;
        }
        for (int i = pairs - 1; i > 0; i--) { // Fisher–Yates with the seeded generator
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int n = Math.min(STANCES, pairs);
        java.util.Arrays.sort(order, 0, n);
        int[][] tally = new int[items.size()][3];
        try (PreparedStatement p = c.prepareStatement("INSERT INTO item_stance (member_id, item_id, stance, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            for (int k = 0; k < n; k++) {
                int m = order[k] / items.size();
                int it = order[k] % items.size();
                // items lean one way or another, as real ones do
                int bias = it % 3;
                int st = random.nextInt(10) < 5 ? bias : random.nextInt(3);
                tally[it][st]++;
                OffsetDateTime at = now.minusDays(30).plusMinutes(random.nextInt(60 * 24 * 29));
                p.setLong(1, members[m]);
                p.setLong(2, items.get(it)[0]);
                p.setString(3, STANCE_NAMES[st]);
                p.setObject(4, at);
                p.setObject(5, at);
                p.addBatch();
                if (k % 5000 == 4999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE item SET agree_count = ?, unsure_count = ?, disagree_count = ? WHERE id = ?")) {
            for (int it = 0; it < items.size(); it++) {
                p.setInt(1, tally[it][0]);
                p.setInt(2, tally[it][1]);
                p.setInt(3, tally[it][2]);
                p.setLong(4, items.get(it)[0]);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Returns an open prediction (the forecast scenario posts on it). */
    private static long forecasts(Connection c, Random random, OffsetDateTime now, long[] members, List<long[]> items)
            throws SQLException {
        List<Long> open = items.stream().filter(i -> i[2] == 1).map(i -> i[0]).toList();
        OffsetDateTime start = now.minusDays(30);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO forecast (item_id, member_id, probability, created_at) VALUES (?, ?, ?, ?)")) {
            for (int k = 0; k < FORECASTS; k++) {
                int it = random.nextInt(open.size());
                long member = members[random.nextInt(members.length)];
                int centre = 20 + 12 * it;
                int probability = Math.max(1, Math.min(99, centre + (int) Math.round(random.nextGaussian() * 15)));
                // increasing times, a couple of minutes apart: the order the community forecast replays
                OffsetDateTime at = start.plusSeconds(k * 120L);
                p.setLong(1, open.get(it));
                p.setLong(2, member);
                p.setInt(3, probability);
                p.setObject(4, at);
                p.addBatch();
                if (k % 5000 == 4999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        // the latest forecasts, community points and item counters exactly as the app derives them from the rows
        for (long item : open) {
            ForecastReplay.rebuild(c, item);
        }
        return open.get(0);
    }

    private static void comments(Connection c, Random random, OffsetDateTime now, long[] members, List<long[]> items,
                                 long big, long small) throws SQLException {
        List<Long> others = items.stream().map(i -> i[0]).filter(id -> id != big && id != small).toList();
        // ids are given here, then the sequence moves past them
        int total = COMMENTS;
        long[] itemOf = new long[total + 1];
        long[] parent = new long[total + 1];
        long[] repliedTo = new long[total + 1];
        String[] path = new String[total + 1];
        int[] replies = new int[total + 1];
        java.util.Map<Long, List<Integer>> byItem = new java.util.HashMap<>();
        for (int id = 1; id <= total; id++) {
            long item = id <= BIG_THREAD ? big : id <= BIG_THREAD + SMALL_THREAD ? small
                    : others.get(random.nextInt(others.size()));
            itemOf[id] = item;
            List<Integer> earlier = byItem.computeIfAbsent(item, k -> new ArrayList<>());
            if (earlier.size() < 3 || random.nextInt(10) < 3) {
                path[id] = ThreadPath.child(null, id);
            } else {
                int target = earlier.get(random.nextInt(earlier.size()));
                ThreadPath.Reply at = ThreadPath.replyTo(target, parent[target] == 0 ? null : parent[target], path[target]);
                parent[id] = at.parentId();
                repliedTo[id] = at.repliedTo();
                path[id] = at.path(id);
                for (String ancestor = at.parentPath(); ancestor != null; ancestor = ThreadPath.parent(ancestor)) {
                    int dot = ancestor.lastIndexOf('.');
                    replies[Integer.parseInt(ancestor.substring(dot + 1))]++;
                }
            }
            earlier.add(id);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO comment (id, item_id, author_id, parent_id, replied_to_id, path, depth, side,"
                + " body_source, body_html, created_at, ups, downs, reply_count, post_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            OffsetDateTime start = now.minusDays(20);
            for (int id = 1; id <= total; id++) {
                String body = "Argument " + id + ": " + sentence(random);
                p.setLong(1, id);
                p.setLong(2, itemOf[id]);
                p.setLong(3, members[random.nextInt(members.length)]);
                if (parent[id] == 0) {
                    p.setNull(4, Types.BIGINT);
                    p.setNull(5, Types.BIGINT);
                    p.setString(8, SIDES[random.nextInt(SIDES.length)]);
                } else {
                    p.setLong(4, parent[id]);
                    p.setLong(5, repliedTo[id]);
                    p.setNull(8, Types.VARCHAR);
                }
                p.setString(6, path[id]);
                p.setInt(7, ThreadPath.depth(path[id]));
                p.setString(9, body);
                p.setString(10, "<p>" + body + "</p>\n");
                p.setObject(11, start.plusSeconds(id * 60L));
                p.setInt(12, random.nextInt(20));
                p.setInt(13, random.nextInt(5));
                p.setInt(14, replies[id]);
                p.setString(15, "bench-" + id);
                p.addBatch();
                if (id % 2000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER SEQUENCE comment_id_seq RESTART WITH " + (total + 1));
        }
        if (ThreadTree.MAX_DEPTH < 1) {
            throw new IllegalStateException("unreachable");
        }
    }

    private static final String[] WORDS = ("the evidence suggests that this claim holds only when the numbers are read"
            + " in context and the source is checked against what was actually said at the time").split(" ");

    private static String sentence(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 12 + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.append('.').toString();
    }

    private static void sessions(Connection c, Random random, OffsetDateTime now, long[] members, Path out)
            throws SQLException, IOException {
        Files.createDirectories(out);
        List<String> signedIn = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO member_session (token_hash, member_id, csrf_token, created_at,"
                + " last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < SESSIONS; i++) {
                String token = token(random);
                String csrf = token(random);
                p.setString(1, sha256(token));
                p.setLong(2, members[i]);
                signedIn.add(token + " " + csrf);
                p.setString(3, csrf);
                p.setObject(4, now);
                p.setObject(5, now);
                p.setObject(6, now.plusDays(30));
                p.addBatch();
            }
            p.executeBatch();
        }
        // sign-in forms as Crux gives them to visitors: the secret Crux will find stored, and tokens made with it
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO crux_setting (setting_name, setting_value) VALUES (?, ?)")) {
            p.setString(1, VisitorTokens.SETTING);
            p.setString(2, HexFormat.of().formatHex(secret));
            p.executeUpdate();
        }
        List<String> visitors = new ArrayList<>();
        for (int i = 0; i < PRE_LOGIN; i++) {
            String cookie = token(random);
            // sign in as members without a ready session, so logins don't end the sessions others use
            visitors.add(cookie + " " + VisitorTokens.token(secret, cookie, now.toEpochSecond()) + " "
                    + String.format("bench%05d", SESSIONS + 1 + i % (MEMBERS - SESSIONS)));
        }
        Files.write(out.resolve("sessions.txt"), signedIn, StandardCharsets.US_ASCII);
        Files.write(out.resolve("prelogin.txt"), visitors, StandardCharsets.US_ASCII);
    }

    private static String token(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * After a run: are the counters still equal to the rows? Prints one line per check; returns whether all hold.
     */
    public static boolean check(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            long tallies = count(c, "SELECT COUNT(*) FROM item i WHERE i.agree_count <> (SELECT COUNT(*) FROM item_stance s WHERE s.item_id = i.id AND s.stance = 'agree')"
                    + " OR i.unsure_count <> (SELECT COUNT(*) FROM item_stance s WHERE s.item_id = i.id AND s.stance = 'unsure')"
                    + " OR i.disagree_count <> (SELECT COUNT(*) FROM item_stance s WHERE s.item_id = i.id AND s.stance = 'disagree')");
            long forecasters = count(c, "SELECT COUNT(*) FROM item i WHERE i.forecaster_count <> (SELECT COUNT(DISTINCT f.member_id) FROM forecast f WHERE f.item_id = i.id)");
            // the latest table: one row per forecaster, and it is that member's last forecast row (by time, then id)
            long latest = count(c, "SELECT COUNT(*) FROM item i WHERE i.forecaster_count <> (SELECT COUNT(*) FROM forecast_latest l WHERE l.item_id = i.id)")
                    + count(c, "SELECT COUNT(*) FROM forecast_latest l WHERE NOT EXISTS (SELECT 1 FROM forecast f WHERE f.id = l.forecast_id"
                    + " AND f.item_id = l.item_id AND f.member_id = l.member_id AND f.probability = l.probability AND f.created_at = l.created_at)"
                    + " OR EXISTS (SELECT 1 FROM forecast g WHERE g.item_id = l.item_id AND g.member_id = l.member_id"
                    + " AND (g.created_at > l.created_at OR (g.created_at = l.created_at AND g.id > l.forecast_id)))");
            // every forecast has its community point
            long points = count(c, "SELECT COUNT(*) FROM forecast WHERE community IS NULL OR forecasters IS NULL");
            long stances = count(c, "SELECT COUNT(*) FROM item_stance");
            long forecasts = count(c, "SELECT COUNT(*) FROM forecast");
            boolean ok = tallies == 0 && forecasters == 0 && latest == 0 && points == 0;
            System.out.println("CHECK stances=" + stances + " forecasts=" + forecasts
                    + " items_with_tally_mismatch=" + tallies + " items_with_forecaster_mismatch=" + forecasters
                    + " latest_forecast_mismatch=" + latest + " forecasts_without_point=" + points
                    + (ok ? " OK" : " FAILED"));
            return ok;
        }
    }
}
