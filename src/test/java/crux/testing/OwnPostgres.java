package crux.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, in a temporary folder on a free port, that the test can stop and start again
 * (an outage the shared server must not suffer). Made with the server binaries of the installed PostgreSQL
 * (/usr/lib/postgresql/N/bin); PostgreSQL refuses to run as root, so as root they run as the postgres user.
 */
public final class OwnPostgres implements AutoCloseable {

    /** Where Debian installs the server binaries, one folder per major version. */
    static final Path INSTALLED = Path.of("/usr/lib/postgresql");
    /** Starting, stopping and initdb take a second or two here; this is for a machine under heavy load. */
    static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private OwnPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Makes a fresh cluster (trust authentication, fsync off: it is thrown away) and starts it. */
    public static OwnPostgres start() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("crux-own-pg");
            OwnPostgres pg = new OwnPostgres(bin, dir, freePort(), root);
            if (root) {
                pg.run("chown", "postgres", dir.toString());
            }
            pg.runAsOwner(bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-U", "postgres",
                    "--auth=trust", "-N", "-E", "UTF8", "--locale=C");
            pg.up();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(INSTALLED)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under " + INSTALLED));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server binaries under " + INSTALLED, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Starts the server and waits until it accepts connections. */
    public void up() {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("log").toString(),
                "-w", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops the server at once, as an outage would: open connections are cut. */
    public void down() {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop");
    }

    private void runAsOwner(String... command) {
        List<String> c = new ArrayList<>();
        if (asPostgresUser) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        run(c.toArray(String[]::new));
    }

    private void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("commands.log").toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + Files.readString(dir.resolve("commands.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            down();
        } catch (RuntimeException alreadyDown) {
            // stopped by the test, or never started: nothing to stop
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
