package crux.bench;

import crux.App;
import crux.Config;
import crux.accounts.Passwords;
import crux.accounts.Usernames;
import crux.db.Database;
import crux.db.PostgresMove;
import crux.db.SchemaMap;
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
    /** Articles in all: the first (shipped by the migrations, where the scenarios' items are) and those added here. */
    public static final int ARTICLES = 20;
    /** Items per added article, at least and at most (the first article has its own 29). */
    public static final int MIN_ITEMS = 20;
    public static final int MAX_ITEMS = 40;
    /** Stances on the first article's items, as before there were other articles: the scenarios' pages show them. */
    public static final int STANCES = 100_000;
    /** Stances on the other articles' items: a site where the first article is the busiest, not the only one. */
    public static final int STANCES_ELSEWHERE = 50_000;
    /** Forecasts on the first article's open predictions: the forecast scenario posts on one of them. */
    public static final int FORECASTS = 20_000;
    /** Forecasts on the other articles' open predictions. */
    public static final int FORECASTS_ELSEWHERE = 10_000;
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

    /** How much to make: the benchmark's {@link #FULL} dataset, or a {@link #SMALL} one of the same shape for tests. */
    public record Size(int members, int articles, int stances, int stancesElsewhere, int forecasts,
                       int forecastsElsewhere, int comments, int bigThread, int smallThread, int sessions,
                       int preLogin) {
    }

    public static final Size FULL = new Size(MEMBERS, ARTICLES, STANCES, STANCES_ELSEWHERE, FORECASTS,
            FORECASTS_ELSEWHERE, COMMENTS, BIG_THREAD, SMALL_THREAD, SESSIONS, PRE_LOGIN);
    /** Every table the full dataset fills, filled in seconds: for tests that move or check a seeded site. */
    public static final Size SMALL = new Size(60, 3, 600, 200, 300, 100, 300, 40, 10, 40, 10);

    /** What the benchmark script needs to know about the data it made; the items are all in the first article. */
    public record Made(long bigItem, long smallItem, long predictionItem, long claimItem, String articleSlug) {
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
            // the search index beside the embedded database, as Crux leaves it once it has run: without it, every
            // start on a copy of this dataset would measure a rebuild of the whole index, which a site's restarts
            // never do (Crux rebuilds it only when it is missing or stale)
            if (!config.postgres()) {
                App.searchEngine(config, db).close();
            } else {
                // the planner's statistics, as a site's autovacuum would gather them after such a load (CI's and this
                // machine's PostgreSQL run with autovacuum off): without them the benchmark measures guessed plans
                try (Connection c = db.dataSource().getConnection()) {
                    PostgresMove.analyze(c, SchemaMap.read(c).inDependencyOrder());
                }
            }
            System.out.printf("MADE big=%d small=%d prediction=%d claim=%d article=%s seconds=%.1f%n", made.bigItem(),
                    made.smallItem(), made.predictionItem(), made.claimItem(), made.articleSlug(),
                    (System.nanoTime() - t0) / 1e9);
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
        return run(config, ds, seed, out, FULL);
    }

    public static Made run(Config config, DataSource ds, long seed, Path out, Size size)
            throws SQLException, IOException, NotFresh {
        Random random = new Random(seed);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            if (count(c, "SELECT COUNT(*) FROM member") > 0) {
                throw new NotFresh("The seeder fills a fresh database; this one already has members.");
            }
            String firstSlug;
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT slug FROM article ORDER BY id")) {
                r.next();
                firstSlug = r.getString(1);
                if (r.next()) {
                    throw new NotFresh("The seeder fills a fresh database; this one already has more than one article.");
                }
            }
            articles(c, random, now, size.articles());
            // the first article's items, then the others': id, isPrediction(1/0), open for forecasts (1/0), article
            List<long[]> items = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, kind, status, resolve_by, article_id FROM item"
                         + " WHERE retired_at IS NULL ORDER BY article_id, position, id")) {
                while (r.next()) {
                    boolean prediction = r.getString(2).equals("prediction");
                    LocalDate by = r.getObject(4, LocalDate.class);
                    boolean open = prediction && r.getString(3).equals("open") && by != null && by.isAfter(now.toLocalDate());
                    items.add(new long[] {r.getLong(1), prediction ? 1 : 0, open ? 1 : 0, r.getLong(5)});
                }
            }
            long firstArticle = items.get(0)[3];
            List<long[]> first = items.stream().filter(i -> i[3] == firstArticle).toList();
            List<long[]> elsewhere = items.stream().filter(i -> i[3] != firstArticle).toList();
            long[] memberIds = members(c, config, random, now, size.members());
            stances(c, random, now, memberIds, first, size.stances());
            stances(c, random, now, memberIds, elsewhere, size.stancesElsewhere());
            long prediction = forecasts(c, random, now, memberIds, first, size.forecasts(), 0);
            forecasts(c, random, now, memberIds, elsewhere, size.forecastsElsewhere(), size.forecasts());
            long[] claims = first.stream().filter(i -> i[1] == 0).mapToLong(i -> i[0]).toArray();
            long big = claims[0];
            long small = claims[1];
            comments(c, random, now, memberIds, items, big, small, size);
            sessions(c, random, now, memberIds, out, size);
            c.commit();
            return new Made(big, small, prediction, claims[0], firstSlug);
        }
    }

    private static final String[] TITLES = {
            "Will Europe's Grid Survive the Heat Pump Boom?",
            "The Quiet Return of Industrial Policy",
            "Are Chip Export Controls Working?",
            "Why Central Banks Are Buying Gold Again",
            "Can Nuclear Startups Deliver Before 2035?",
            "What Remote Work Did to City Budgets",
            "The Lithium Glut and What Comes After It",
            "Is the Streaming Bubble About to Burst?",
            "India's Bet on Semiconductor Fabs",
            "How Insurers Are Pricing Climate Risk",
            "The Case Against Another Space Station",
            "Will Open Models Outpace Closed Ones?",
            "Shipping Lanes, Drought and the Panama Canal",
            "The New Economics of Desalination",
            "Why Housing Starts Keep Missing Forecasts",
            "Can Africa Become the Next Manufacturing Hub?",
            "The Hidden Cost of Cheap Solar Panels",
            "Are Electric Trucks Ready for Long Haul?",
            "What the Bond Market Is Telling Us About 2030"};
    private static final String[] PUBLISHERS = {"The Ledger", "Northern Review", "Market Dispatch",
            "Policy Quarterly", "The Engineering Weekly"};
    private static final String[] PEOPLE = {"Maria Keller", "Tomás Ortega", "Aiko Tanaka", "David Mensah",
            "Priya Raman", "Lena Fischer", "Samuel Adeyemi", "Chen Wei", "Olivia Grant", "Rafael Costa"};
    private static final String[] SUBJECTS = {"Demand for storage", "The cost of capital", "Public investment",
            "Grid operators", "Regional suppliers", "Import tariffs", "Venture funding", "Household spending",
            "Factory output", "Freight rates", "Regulators in Brussels", "Smaller competitors", "Pension funds",
            "Local governments", "The largest buyers", "Commodity prices", "Research budgets", "Labour costs"};
    private static final String[] VERBS = {"will rise faster than", "has already overtaken", "is unlikely to match",
            "could double within", "depends more on", "will fall behind", "now tracks", "should be measured against",
            "is being held back by", "will outlast"};
    private static final String[] OBJECTS = {"the official forecasts", "the previous decade", "consumer demand",
            "the growth of new capacity", "the subsidies on offer", "the price of electricity", "interest rates",
            "the rest of the market", "what analysts expected", "the pace of permitting", "the supply of engineers",
            "the export figures"};
    private static final String[] QUALIFIERS = {"by the end of the decade", "within three years",
            "according to the latest filings", "in most large economies", "unless policy changes",
            "despite the recent slowdown", "as long as prices stay low", "in the coming quarters",
            "if the current trend holds", "for the first time since records began"};
    private static final String[] HEADINGS = {"What the numbers say", "The counterargument", "Who stands to gain",
            "Where the risks are", "What happens next", "The view from investors", "A longer history"};

    /**
     * The articles after the first, each with {@link #MIN_ITEMS}–{@link #MAX_ITEMS} items: plain text laid out as the
     * first one is (section, title, date line, paragraphs, headings, numbered lists), each item's quote a sentence that
     * occurs once in its body, at the offset stored. The same seed gives the same articles.
     */
    private static void articles(Connection c, Random random, OffsetDateTime now, int articles) throws SQLException {
        try (PreparedStatement a = c.prepareStatement("INSERT INTO article (title, publisher, published_on, body, slug,"
                + " authors, source_url, format, quoted, created_at, last_activity_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'text', ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement it = c.prepareStatement("INSERT INTO item (article_id, position, kind, statement,"
                     + " asserted_by, quote, quote_start, resolution_criteria, resolve_by, implied_probability,"
                     + " implied_wording, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int n = 1; n < articles; n++) {
                String title = TITLES[(n - 1) % TITLES.length];
                LocalDate published = now.toLocalDate().minusDays(3L * (articles - n) + random.nextInt(3));
                String author = PEOPLE[random.nextInt(PEOPLE.length)];
                List<String> quoted = new ArrayList<>(List.of(author));
                while (quoted.size() < 3) {
                    String p = PEOPLE[random.nextInt(PEOPLE.length)];
                    if (!quoted.contains(p)) {
                        quoted.add(p);
                    }
                }
                StringBuilder body = new StringBuilder("Analysis\n\n").append(title).append("\n\nPublished ")
                        .append(published.format(java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy",
                                java.util.Locale.ENGLISH))).append("\n\n");
                List<String> sentences = new ArrayList<>();
                int itemCount = MIN_ITEMS + random.nextInt(MAX_ITEMS - MIN_ITEMS + 1);
                for (int section = 0; sentences.size() < itemCount * 3 / 2; section++) {
                    if (section > 0) {
                        body.append(HEADINGS[(section + n) % HEADINGS.length]).append("\n\n");
                    }
                    for (int para = 0; para < 3; para++) {
                        boolean list = para == 2 && section % 2 == 1;
                        int lines = 3 + random.nextInt(3);
                        for (int l = 0; l < lines; l++) {
                            String sentence = uniqueSentence(random, body);
                            sentences.add(sentence);
                            if (list) {
                                body.append(l + 1).append(". ").append(sentence).append('\n');
                            } else {
                                body.append(sentence).append(l + 1 < lines ? " " : "\n");
                            }
                        }
                        body.append('\n');
                    }
                }
                String text = body.toString().strip();
                a.setString(1, title);
                a.setString(2, PUBLISHERS[n % PUBLISHERS.length]);
                a.setObject(3, published);
                a.setString(4, text);
                a.setString(5, slug(title));
                a.setString(6, author);
                a.setString(7, "https://example.org/articles/" + slug(title));
                a.setString(8, String.join("\n", quoted));
                a.setObject(9, published.atStartOfDay().atOffset(ZoneOffset.UTC));
                a.setObject(10, published.atStartOfDay().atOffset(ZoneOffset.UTC));
                a.executeUpdate();
                long articleId;
                try (ResultSet keys = a.getGeneratedKeys()) {
                    keys.next();
                    articleId = keys.getLong(1);
                }
                // items in order of appearance, every other sentence or so, each quoting a sentence found once
                List<String> quotes = new ArrayList<>();
                for (int k = 0; k < sentences.size() && quotes.size() < itemCount; k++) {
                    String q = sentences.get(k);
                    if (random.nextInt(3) > 0 && text.indexOf(q) == text.lastIndexOf(q)) {
                        quotes.add(q);
                    }
                }
                for (int k = 0; k < quotes.size(); k++) {
                    String q = quotes.get(k);
                    int kindRoll = random.nextInt(20);
                    String kind = kindRoll < 12 ? "claim" : kindRoll < 17 ? "prediction" : "recommendation";
                    String statement = q.substring(0, q.length() - 1) + (kind.equals("recommendation")
                            ? ", so policy should plan for it." : ".");
                    it.setLong(1, articleId);
                    it.setInt(2, k + 1);
                    it.setString(3, kind);
                    it.setString(4, statement);
                    it.setString(5, quoted.get(random.nextInt(quoted.size())));
                    it.setString(6, q);
                    it.setInt(7, text.indexOf(q));
                    if (kind.equals("prediction")) {
                        it.setString(8, "Resolves yes if official statistics published by the date show that " + q
                                .substring(0, 1).toLowerCase() + q.substring(1, q.length() - 1) + ".");
                        it.setObject(9, now.toLocalDate().plusDays(60 + random.nextInt(900)));
                        if (random.nextBoolean()) {
                            it.setInt(10, 10 + random.nextInt(80));
                            it.setString(11, q.contains(" will ") ? "will" : "could");
                        } else {
                            it.setNull(10, Types.INTEGER);
                            it.setNull(11, Types.VARCHAR);
                        }
                    } else {
                        it.setNull(8, Types.VARCHAR);
                        it.setNull(9, Types.DATE);
                        it.setNull(10, Types.INTEGER);
                        it.setNull(11, Types.VARCHAR);
                    }
                    it.setObject(12, published.atStartOfDay().atOffset(ZoneOffset.UTC));
                    it.addBatch();
                }
                it.executeBatch();
            }
        }
    }

    /** A sentence not yet in {@code body}: the quotes taken from them occur once. */
    private static String uniqueSentence(Random random, CharSequence body) {
        while (true) {
            String s = SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + VERBS[random.nextInt(VERBS.length)] + " "
                    + OBJECTS[random.nextInt(OBJECTS.length)] + " " + QUALIFIERS[random.nextInt(QUALIFIERS.length)] + ".";
            if (body.toString().indexOf(s.substring(0, s.length() - 1)) < 0) {
                return s;
            }
        }
    }

    /** The address of an article from its title: lower-case words joined by hyphens. */
    static String slug(String title) {
        String s = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.length() <= 100 ? s : s.substring(0, 100);
    }

    private static long[] members(Connection c, Config config, Random random, OffsetDateTime now, int count)
            throws SQLException {
        // One Argon2 hash for all (each takes ~100 ms): salts repeat, which matters for nothing but this benchmark.
        String hash = new Passwords(config.passwordParams()).hash(PASSWORD);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO member (name, name_key, name_skeleton, password_hash, role, created_at)"
                        + " VALUES (?, ?, ?, ?, 'member', ?)")) {
            for (int i = 1; i <= count; i++) {
                String name = String.format("bench%05d", i);
                p.setString(1, name);
                p.setString(2, name);
                // as registering sets it: a member without one is given it by Crux's next start, one write each
                p.setString(3, Usernames.skeleton(name));
                p.setString(4, hash);
                p.setObject(5, now.minusDays(60).plusMinutes(random.nextInt(60 * 24 * 30)));
                p.addBatch();
            }
            p.executeBatch();
        }
        long[] ids = new long[count];
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM member ORDER BY name_key")) {
            int i = 0;
            while (r.next()) {
                ids[i++] = r.getLong(1);
            }
        }
        return ids;
    }

    /** {@code count} stances of distinct members on the items, chosen at random among all member–item pairs. */
    private static void stances(Connection c, Random random, OffsetDateTime now, long[] members, List<long[]> items,
                                int count) throws SQLException {
        int pairs = members.length * items.size();
        int n = Math.min(count, pairs);
        int[] order = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            order[i] = i;
        }
        for (int i = 0; i < n; i++) { // the first n of a Fisher–Yates shuffle with the seeded generator
            int j = i + random.nextInt(pairs - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
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

    /**
     * {@code count} forecasts spread over the open predictions among {@code items}, their times continuing from the
     * {@code after}-th forecast's. Returns the first of those predictions (the forecast scenario posts on it).
     */
    private static long forecasts(Connection c, Random random, OffsetDateTime now, long[] members, List<long[]> items,
                                  int count, int after) throws SQLException {
        List<Long> open = items.stream().filter(i -> i[2] == 1).map(i -> i[0]).toList();
        OffsetDateTime start = now.minusDays(30);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO forecast (item_id, member_id, probability, created_at) VALUES (?, ?, ?, ?)")) {
            for (int k = 0; k < count; k++) {
                int it = random.nextInt(open.size());
                long member = members[random.nextInt(members.length)];
                // predictions the crowd finds likely and unlikely
                int centre = 20 + 12 * (it % 6);
                int probability = Math.max(1, Math.min(99, centre + (int) Math.round(random.nextGaussian() * 15)));
                // increasing times, a minute apart: the order the community forecast replays
                OffsetDateTime at = start.plusSeconds((after + k) * 60L);
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
                                 long big, long small, Size size) throws SQLException {
        List<Long> others = items.stream().map(i -> i[0]).filter(id -> id != big && id != small).toList();
        // ids are given here, then the sequence moves past them
        int total = size.comments();
        long[] itemOf = new long[total + 1];
        long[] parent = new long[total + 1];
        long[] repliedTo = new long[total + 1];
        String[] path = new String[total + 1];
        int[] replies = new int[total + 1];
        java.util.Map<Long, List<Integer>> byItem = new java.util.HashMap<>();
        for (int id = 1; id <= total; id++) {
            long item = id <= size.bigThread() ? big : id <= size.bigThread() + size.smallThread() ? small
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

    private static void sessions(Connection c, Random random, OffsetDateTime now, long[] members, Path out, Size size)
            throws SQLException, IOException {
        Files.createDirectories(out);
        List<String> signedIn = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO member_session (token_hash, member_id, csrf_token, created_at,"
                + " last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < size.sessions(); i++) {
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
        for (int i = 0; i < size.preLogin(); i++) {
            String cookie = token(random);
            // sign in as members without a ready session, so logins don't end the sessions others use
            visitors.add(cookie + " " + VisitorTokens.token(secret, cookie, now.toEpochSecond()) + " "
                    + String.format("bench%05d", size.sessions() + 1 + i % (size.members() - size.sessions())));
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
     * After a run: are the counters (and the scores of resolved predictions) still equal to the rows? Prints one line
     * per check; returns whether all hold.
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
            // a resolved prediction has one stored score per forecaster it counted, and only resolved ones have any
            long scores = count(c, "SELECT COUNT(*) FROM resolution r WHERE r.outcome <> 'annulled' AND r.forecasters"
                    + " <> (SELECT COUNT(*) FROM forecast_score s WHERE s.item_id = r.item_id)")
                    + count(c, "SELECT COUNT(*) FROM forecast_score s WHERE NOT EXISTS (SELECT 1 FROM resolution r"
                    + " WHERE r.item_id = s.item_id AND r.outcome <> 'annulled')");
            long stances = count(c, "SELECT COUNT(*) FROM item_stance");
            long forecasts = count(c, "SELECT COUNT(*) FROM forecast");
            boolean ok = tallies == 0 && forecasters == 0 && latest == 0 && points == 0 && scores == 0;
            System.out.println("CHECK stances=" + stances + " forecasts=" + forecasts
                    + " items_with_tally_mismatch=" + tallies + " items_with_forecaster_mismatch=" + forecasters
                    + " latest_forecast_mismatch=" + latest + " forecasts_without_point=" + points
                    + " score_mismatch=" + scores
                    + (ok ? " OK" : " FAILED"));
            return ok;
        }
    }
}
