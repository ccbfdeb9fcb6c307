package crux.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code crux.jar backup FILE} reaches a running Crux whose embedded database file is locked: a Unix domain
 * socket beside the database file ({@code crux.backup.sock}), readable and writable by its owner only. The command
 * sends the absolute path of the file it wants; the running instance makes the backup through its own pool and
 * answers {@code ok} or {@code error <why>}. A local socket rather than H2's AUTO_SERVER leaves the database URL, and
 * with it the path every page takes, exactly as it is, and opens no TCP port.
 */
public final class BackupChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupChannel.class);

    /** The channel's file name suffix, beside the database file. */
    public static final String SUFFIX = ".backup.sock";
    /** The longest request line read: a path, with room to spare. */
    static final int MAX_REQUEST = 8_192;

    /** Makes a backup at the path it is given, or throws with the reason. */
    public interface Backup {
        void to(Path file) throws Exception;
    }

    /** The answer to {@code mode} from an instance that refuses writes (CRUX_READ_ONLY=true). */
    public static final String READ_ONLY = "read-only";
    /** The answer to {@code mode} from an instance that takes writes. */
    public static final String READ_WRITE = "read-write";

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;

    private BackupChannel(Path socket, ServerSocketChannel server, Backup backup, boolean readOnly) {
        this.socket = socket;
        this.server = server;
        this.thread = new Thread(() -> serve(backup, readOnly), "crux-backup-channel");
        thread.setDaemon(true);
        thread.start();
    }

    /** The channel's path for the H2 database file {@code h2File} (without its .mv.db suffix). */
    public static Path socketFor(Path h2File) {
        return h2File.resolveSibling(h2File.getFileName() + SUFFIX);
    }

    /**
     * Listens at {@code socket}. Only the instance holding the database file's lock opens it, so a file left there is
     * from an instance that died: it is replaced.
     */
    public static BackupChannel open(Path socket, Backup backup) throws IOException {
        return open(socket, backup, false);
    }

    /**
     * As {@link #open(Path, Backup)}, saying whether the instance is in read-only mode when asked {@code mode}: a move
     * to PostgreSQL goes ahead on a running instance only when it takes no writes.
     */
    public static BackupChannel open(Path socket, Backup backup, boolean readOnly) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new BackupChannel(socket, server, backup, readOnly);
    }

    private void serve(Backup backup, boolean readOnly) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                answer(client, backup, readOnly);
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("backup channel: {}", e.toString());
                }
            }
        }
    }

    private static void answer(SocketChannel client, Backup backup, boolean readOnly) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(client);
        String line = in.readLine();
        String reply;
        if ("ping".equals(line)) {
            reply = "pong";
        } else if ("mode".equals(line)) {
            reply = readOnly ? READ_ONLY : READ_WRITE;
        } else if (line == null || line.length() > MAX_REQUEST || !line.startsWith("backup /")) {
            reply = "error the request must be: backup /absolute/path";
        } else {
            Path file = Path.of(line.substring("backup ".length()));
            try {
                backup.to(file);
                reply = "ok";
            } catch (Exception e) {
                LOG.warn("backup to {} failed", file, e);
                reply = "error " + (e.getMessage() == null ? e.toString() : e.getMessage()).replace('\n', ' ');
            }
        }
        out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Asks the instance listening at {@code socket} for a backup at {@code file}; empty when no instance listens
     * there, otherwise its answer ({@code ok} or {@code error …}).
     */
    public static java.util.Optional<String> request(Path socket, Path file) throws IOException {
        return say(socket, "backup " + file.toAbsolutePath());
    }

    /** True when a running instance listens at {@code socket}. */
    public static boolean answers(Path socket) throws IOException {
        return say(socket, "ping").isPresent();
    }

    /**
     * How the instance listening at {@code socket} takes writes ({@link #READ_ONLY} or {@link #READ_WRITE}); empty when
     * no instance listens there.
     */
    public static java.util.Optional<String> mode(Path socket) throws IOException {
        return say(socket, "mode");
    }

    private static java.util.Optional<String> say(Path socket, String request) throws IOException {
        if (!Files.exists(socket)) {
            return java.util.Optional.empty();
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (java.net.ConnectException e) {
            return java.util.Optional.empty(); // left by an instance that died
        }
        try (ch) {
            ch.write(java.nio.ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            String answer = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8))
                    .readLine();
            return java.util.Optional.of(answer == null ? "error the running Crux closed the channel" : answer);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("closing the backup channel: {}", e.toString());
        }
    }
}
