package crux;

import crux.accounts.Passwords;
import crux.mail.SmtpSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting Crux has, read once from environment variables at start.
 *
 * @param port            HTTP port (PORT, default 7070; 0 picks a free one, used by tests)
 * @param host            address to bind (CRUX_HOST, default 0.0.0.0)
 * @param home            folder holding templates/, static/ and db/migration (CRUX_HOME, default the working directory)
 * @param dataDir         folder of the embedded H2 database (CRUX_DATA, default ./data)
 * @param databaseUrl     JDBC URL (DATABASE_URL); null means the embedded H2 database in dataDir
 * @param secureCookies   mark cookies Secure (CRUX_HTTPS=true when Crux is served over HTTPS)
 * @param trustedProxies  peers whose X-Forwarded-For is believed (CRUX_TRUSTED_PROXIES, comma-separated IPs)
 * @param cacheTemplates  cache parsed templates (CRUX_DEV=true turns caching off while editing templates)
 * @param debugHeaders    add X-Sql-Statements to responses (CRUX_DEBUG_HEADERS=true; tests and the benchmark)
 * @param passwordParams  Argon2id cost (CRUX_ARGON2=memoryKiB,iterations,parallelism; default OWASP's 19456,2,1)
 * @param baseUrl         the public address feeds and exports link to (CRUX_BASE_URL); null means
 *                        http://localhost:&lt;port&gt;
 * @param pseudonymSecret key of forecasters' pseudonyms in open data (CRUX_PSEUDONYM_SECRET); null means one generated
 *                        once and kept in the database
 * @param benchmark       serve the bare GET /bench/hello baseline route (CRUX_BENCHMARK=true; the benchmark only)
 * @param writeBudget     writes one member may make per 10 minutes (CRUX_WRITE_BUDGET, default 120: generous for a
 *                        person, a ceiling for a script; the benchmark raises it, since it writes as fast as it can)
 * @param bodyTimeout     how long a request body may take to arrive in full once its headers have (CRUX_BODY_TIMEOUT,
 *                        in seconds, default 20): a client sending slowly is cut off after it, with 408
 * @param metricsAllow    addresses that may read /metrics without a token (CRUX_METRICS_ALLOW, comma-separated IPs;
 *                        loopback always may)
 * @param metricsToken    a bearer token that opens /metrics from anywhere (CRUX_METRICS_TOKEN); null means none does
 * @param readOnly        serve pages but refuse every write with 503 and pause the jobs that write (CRUX_READ_ONLY=true:
 *                        for moves and upgrades)
 * @param backupDir       folder of the daily backups (CRUX_BACKUP_DIR); null means Crux makes none by itself
 * @param backupAt        time of day, UTC, of the daily backup (CRUX_BACKUP_AT, HH:MM, default 03:30)
 * @param backupKeep      daily backups kept, the newest (CRUX_BACKUP_KEEP, default 7)
 * @param smtp            the mail server (CRUX_SMTP_*); null when CRUX_SMTP_HOST is unset: Crux then sends no mail
 * @param jobsAfter       how long after start the activity count and the camps job first run (CRUX_JOBS_AFTER, seconds,
 *                        default 5): the first requests get the cores; 0 runs them once during start, before it
 *                        returns (the tests set 0, so that the jobs' first writes come before a test looks, not in
 *                        the middle of it)
 */
public record Config(
        int port,
        String host,
        Path home,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        boolean secureCookies,
        Set<InetAddress> trustedProxies,
        boolean cacheTemplates,
        boolean debugHeaders,
        Passwords.Params passwordParams,
        String baseUrl,
        String pseudonymSecret,
        boolean benchmark,
        int writeBudget,
        java.time.Duration bodyTimeout,
        Set<InetAddress> metricsAllow,
        String metricsToken,
        boolean readOnly,
        Path backupDir,
        java.time.LocalTime backupAt,
        int backupKeep,
        SmtpSettings smtp,
        java.time.Duration jobsAfter) {

    /** Seconds after start before the jobs first run unless CRUX_JOBS_AFTER says otherwise. */
    public static final int DEFAULT_JOBS_AFTER_SECONDS = 5;

    /** Writes per member per 10 minutes unless CRUX_WRITE_BUDGET says otherwise. */
    public static final int DEFAULT_WRITE_BUDGET = 120;

    /**
     * Seconds a request body may take unless CRUX_BODY_TIMEOUT says otherwise: Crux's largest form (a long comment)
     * is well under 100 KB, which even a 2G phone sends in a few seconds; a client still sending after 20 s is
     * holding the connection open on purpose.
     */
    public static final int DEFAULT_BODY_TIMEOUT_SECONDS = 20;

    /** Daily backups kept unless CRUX_BACKUP_KEEP says otherwise: a week to notice that something went wrong. */
    public static final int DEFAULT_BACKUP_KEEP = 7;

    /** When the daily backup runs unless CRUX_BACKUP_AT says otherwise: a quiet hour for most communities. */
    public static final java.time.LocalTime DEFAULT_BACKUP_AT = java.time.LocalTime.of(3, 30);

    public static Config fromEnvironment() {
        return fromMap(System.getenv());
    }

    public static Config fromMap(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("CRUX_HOME", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env.getOrDefault("CRUX_DATA", "./data")).toAbsolutePath().normalize();
        return new Config(
                parsePort(env.getOrDefault("PORT", "7070")),
                env.getOrDefault("CRUX_HOST", "0.0.0.0"),
                home,
                data,
                blankToNull(env.get("DATABASE_URL")),
                blankToNull(env.get("DATABASE_USER")),
                blankToNull(env.get("DATABASE_PASSWORD")),
                Boolean.parseBoolean(env.getOrDefault("CRUX_HTTPS", "false")),
                parseAddresses("CRUX_TRUSTED_PROXIES", env.getOrDefault("CRUX_TRUSTED_PROXIES", "")),
                !Boolean.parseBoolean(env.getOrDefault("CRUX_DEV", "false")),
                Boolean.parseBoolean(env.getOrDefault("CRUX_DEBUG_HEADERS", "false")),
                parseArgon2(env.get("CRUX_ARGON2")),
                blankToNull(env.get("CRUX_BASE_URL")),
                blankToNull(env.get("CRUX_PSEUDONYM_SECRET")),
                Boolean.parseBoolean(env.getOrDefault("CRUX_BENCHMARK", "false")),
                parseWriteBudget(env.get("CRUX_WRITE_BUDGET")),
                java.time.Duration.ofSeconds(parseBodyTimeout(env.get("CRUX_BODY_TIMEOUT"))),
                parseAddresses("CRUX_METRICS_ALLOW", env.getOrDefault("CRUX_METRICS_ALLOW", "")),
                blankToNull(env.get("CRUX_METRICS_TOKEN")),
                Boolean.parseBoolean(env.getOrDefault("CRUX_READ_ONLY", "false")),
                blankToNull(env.get("CRUX_BACKUP_DIR")) == null ? null
                        : Path.of(env.get("CRUX_BACKUP_DIR")).toAbsolutePath().normalize(),
                parseBackupAt(env.get("CRUX_BACKUP_AT")),
                positive(env.get("CRUX_BACKUP_KEEP"), DEFAULT_BACKUP_KEEP,
                        "CRUX_BACKUP_KEEP is the number of daily backups kept"),
                SmtpSettings.fromMap(env),
                java.time.Duration.ofSeconds("0".equals(blankToNull(env.get("CRUX_JOBS_AFTER"))) ? 0
                        : positive(env.get("CRUX_JOBS_AFTER"), DEFAULT_JOBS_AFTER_SECONDS,
                        "CRUX_JOBS_AFTER is the seconds after start before the jobs first run")));
    }

    private static java.time.LocalTime parseBackupAt(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_BACKUP_AT;
        }
        try {
            return java.time.LocalTime.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("CRUX_BACKUP_AT is a time of day in UTC, HH:MM, e.g. 03:30, not '"
                    + value + "'");
        }
    }

    /**
     * The embedded database's file, without H2's {@code .mv.db} suffix: in CRUX_DATA, or named by a
     * {@code jdbc:h2:file:} DATABASE_URL; null for PostgreSQL and in-memory databases.
     */
    public Path h2File() {
        String url = jdbcUrl();
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String file = url.substring("jdbc:h2:file:".length());
        int params = file.indexOf(';');
        return Path.of(params < 0 ? file : file.substring(0, params)).toAbsolutePath().normalize();
    }

    /**
     * The embedded database's search index (crux.search.LuceneSearch): {@code CRUX_DATA/search}, or beside the file a
     * {@code jdbc:h2:file:} DATABASE_URL names; null for PostgreSQL (which searches itself) and in-memory databases
     * (whose index lives in memory too).
     */
    public Path searchIndex() {
        Path h2 = h2File();
        if (h2 == null) {
            return null;
        }
        return databaseUrl == null ? dataDir.resolve("search").toAbsolutePath().normalize()
                : h2.resolveSibling(h2.getFileName() + "-search");
    }

    /** The JDBC URL actually used: DATABASE_URL, or the embedded H2 file in dataDir. */
    public String jdbcUrl() {
        return databaseUrl != null ? databaseUrl : embeddedUrl();
    }

    /** The embedded H2 database's URL in CRUX_DATA, whether or not DATABASE_URL names another one. */
    public String embeddedUrl() {
        // WRITE_DELAY=0: H2 otherwise loses acknowledged commits on kill -9 (see GUIDE).
        // QUERY_CACHE_SIZE: each pooled connection keeps this many parsed statements; H2's default of 8 is fewer than
        // one page's distinct queries, so every request re-parsed its SQL (seen in profiles as Parser/prepareLocal).
        return "jdbc:h2:file:" + dataDir.resolve("crux") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128";
    }

    public boolean postgres() {
        return jdbcUrl().startsWith("jdbc:postgresql:");
    }

    public boolean embedded() {
        return databaseUrl == null;
    }

    public Config withPort(int newPort) {
        return new Config(newPort, host, home, dataDir, databaseUrl, databaseUser, databasePassword,
                secureCookies, trustedProxies, cacheTemplates, debugHeaders, passwordParams, baseUrl, pseudonymSecret,
                benchmark, writeBudget, bodyTimeout, metricsAllow, metricsToken, readOnly, backupDir, backupAt,
                backupKeep, smtp, jobsAfter);
    }

    /** The public address absolute links use: CRUX_BASE_URL without a trailing slash, or localhost on the port. */
    public String publicBaseUrl(int actualPort) {
        if (baseUrl != null) {
            return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }
        return "http://localhost:" + actualPort;
    }

    /** Fails fast with a clear message when CRUX_HOME does not hold Crux's files. */
    public void checkHome() {
        for (String dir : new String[] {"templates", "static", "db/migration"}) {
            if (!Files.isDirectory(home.resolve(dir))) {
                throw new IllegalStateException("Crux's " + dir + "/ folder was not found under " + home
                        + ". Start Crux from the repository root, or set CRUX_HOME to it.");
            }
        }
    }

    private static int parsePort(String value) {
        try {
            int p = Integer.parseInt(value.trim());
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("PORT must be between 0 and 65535, not " + value);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, not '" + value + "'");
        }
    }

    private static int parseWriteBudget(String value) {
        return positive(value, DEFAULT_WRITE_BUDGET,
                "CRUX_WRITE_BUDGET is the number of writes a member may make per 10 minutes");
    }

    private static int parseBodyTimeout(String value) {
        return positive(value, DEFAULT_BODY_TIMEOUT_SECONDS,
                "CRUX_BODY_TIMEOUT is the seconds a request body may take to arrive");
    }

    /** A whole number of at least 1, or {@code dflt} when unset; otherwise {@code meaning} in the refusal. */
    private static int positive(String value, int dflt, String meaning) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(meaning + " (a whole number, at least 1), not '" + value + "'");
    }

    private static Passwords.Params parseArgon2(String value) {
        if (value == null || value.isBlank()) {
            return Passwords.OWASP;
        }
        String[] p = value.split(",");
        try {
            return new Passwords.Params(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                    Integer.parseInt(p[2].trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("CRUX_ARGON2 is memoryKiB,iterations,parallelism, e.g. 19456,2,1");
        }
    }

    private static Set<InetAddress> parseAddresses(String setting, String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(literal -> address(setting, literal))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static InetAddress address(String setting, String literal) {
        try {
            // Only literal addresses: a host name here would make every request depend on DNS.
            if (!literal.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException(setting + " takes IP addresses, not '" + literal + "'");
            }
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address in " + setting + ": " + literal);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
