package crux.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code crux.Main} in a child JVM, as an operator runs it: its own process, environment and log file.
 * It picks a free port itself (PORT=0); {@link #awaitHealthy} reads which one from its start-up line.
 */
public final class ChildCrux implements AutoCloseable {

    /** Start-up on a shared two-core machine; far more than it takes, short enough to fail a hung start. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(40);
    /** What a graceful stop (SIGTERM: the shutdown hook closes the app) may take before SIGKILL. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern STARTED = Pattern.compile("Crux is running on http://localhost:(\\d+)");

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killOnExit;
    private volatile String base;

    private ChildCrux(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        // a test JVM that ends without closing this (a crash, a timeout) must not leave a Crux running
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts Crux on loopback with cheap Argon2 and the given settings ({@code DATABASE_URL} or {@code CRUX_DATA},
     * …); settings of the test's own environment (DATABASE_*, CRUX_*) are not passed on. Output goes to {@code log}.
     */
    public static ChildCrux start(String name, Path log, Map<String, String> settings) {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "crux.Main");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("CRUX_"));
        env.put("PORT", "0");
        env.put("CRUX_HOST", "127.0.0.1");
        env.put("CRUX_HOME", TestApp.repositoryRoot().toString());
        env.put("CRUX_ARGON2", "1024,1,1");
        env.putAll(settings);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            return new ChildCrux(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until Crux has said which port it serves and /healthz answers 200 there; fails if it exits first. */
    public ChildCrux awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        await("Crux " + name + " to become healthy", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Crux " + name + " exited early (" + process.exitValue() + "):\n" + logText());
            }
            if (base == null) {
                Matcher m = STARTED.matcher(logText());
                if (!m.find()) {
                    return false;
                }
                base = "http://127.0.0.1:" + m.group(1);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return this;
    }

    /** Waits until {@code condition} holds; fails with the child's log after {@code timeout}. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        Wait.until(what, timeout, condition, () -> "\n--- log of " + name + " ---\n" + logText());
    }

    /** http://127.0.0.1:port, once {@link #awaitHealthy} has returned. */
    public String baseUrl() {
        if (base == null) {
            throw new IllegalStateException("Crux " + name + " has not started yet: call awaitHealthy()");
        }
        return base;
    }

    /** A browser with no cookies, talking to this child. */
    public TestClient client() {
        return TestClient.at(baseUrl());
    }

    public Process process() {
        return process;
    }

    public String name() {
        return name;
    }

    /** Everything the child has printed so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is closed cleanly; returns the exit code (137). */
    public int kill() {
        process.destroyForcibly();
        return waitForExit();
    }

    /** Stops gracefully (SIGTERM), or with SIGKILL when that takes too long. Safe to call more than once. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        waitForExit();
    }

    private int waitForExit() {
        try {
            int code = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            return code;
        } catch (IllegalStateException shuttingDown) {
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
