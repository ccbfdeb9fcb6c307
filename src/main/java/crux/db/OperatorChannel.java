package crux.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the operator's commands ({@code crux.jar backup FILE}, {@code promote NAME ROLE}, …) reach a running Crux whose
 * embedded database file is locked: a Unix domain socket beside the database file ({@code crux.operator.sock}),
 * readable and writable by its owner only, so that whoever may open the socket may already read the database file.
 * A command sends one line, its name and arguments separated by tabs; the running instance runs it through its own
 * pool and answers one line, {@code ok<TAB>what happened} or {@code error<TAB>why}. Only the commands the instance
 * registered are answered: the channel is no shell. A local socket rather than H2's AUTO_SERVER leaves the database
 * URL, and with it the path every page takes, exactly as it is, and opens no TCP port.
 */
public final class OperatorChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorChannel.class);

    /** The channel's file name suffix, beside the database file. */
    public static final String SUFFIX = ".operator.sock";
    /** The longest request line read: a path, with room to spare. */
    static final int MAX_REQUEST = 8_192;
    private static final String SEPARATOR = "\t";

    /** What a command answers: whether it did what was asked, and one line for the operator. */
    public record Reply(boolean ok, String text) {
        public static Reply ok(String text) {
            return new Reply(true, text);
        }

        public static Reply refused(String text) {
            return new Reply(false, text);
        }
    }

    /** Runs one command with its arguments; an exception is answered as an error with its message. */
    public interface Action {
        Reply run(List<String> args) throws Exception;
    }

    /** A command the channel answers: how many arguments it takes, and what it does. */
    public record Command(int arity, Action action) {
    }

    private final Path socket;
    private final ServerSocketChannel server;

    private OperatorChannel(Path socket, ServerSocketChannel server, Map<String, Command> commands) {
        this.socket = socket;
        this.server = server;
        Thread thread = new Thread(() -> serve(Map.copyOf(commands)), "crux-operator-channel");
        thread.setDaemon(true);
        thread.start();
    }

    /** The channel's path for the H2 database file {@code h2File} (without its .mv.db suffix). */
    public static Path socketFor(Path h2File) {
        return h2File.resolveSibling(h2File.getFileName() + SUFFIX);
    }

    /**
     * Listens at {@code socket} for {@code commands} (and {@code ping}). Only the instance holding the database file's
     * lock opens it, so a file left there is from an instance that died: it is replaced.
     */
    public static OperatorChannel open(Path socket, Map<String, Command> commands) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new OperatorChannel(socket, server, commands);
    }

    private void serve(Map<String, Command> commands) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                answer(client, commands);
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("operator channel: {}", e.toString());
                }
            }
        }
    }

    private static void answer(SocketChannel client, Map<String, Command> commands) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(client);
        Reply reply = reply(in.readLine(), commands);
        out.write(((reply.ok() ? "ok" : "error") + SEPARATOR + oneLine(reply.text()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static Reply reply(String line, Map<String, Command> commands) {
        if (line == null || line.length() > MAX_REQUEST) {
            return Reply.refused("the request must be one line of at most " + MAX_REQUEST + " characters");
        }
        List<String> words = Arrays.asList(line.split(SEPARATOR, -1));
        if (words.get(0).equals("ping") && words.size() == 1) {
            return Reply.ok("pong");
        }
        Command command = commands.get(words.get(0));
        if (command == null) {
            return Reply.refused("unknown command: " + words.get(0) + " (known: " + String.join(", ",
                    new java.util.TreeSet<>(commands.keySet())) + ")");
        }
        List<String> args = words.subList(1, words.size());
        if (args.size() != command.arity()) {
            return Reply.refused(words.get(0) + " takes " + command.arity() + " arguments, not " + args.size());
        }
        try {
            return command.action().run(List.copyOf(args));
        } catch (Exception e) {
            LOG.warn("operator command {} failed", words.get(0), e);
            return Reply.refused(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * Asks the instance listening at {@code socket} to run {@code command}; empty when no instance listens there,
     * otherwise its reply.
     */
    public static Optional<Reply> ask(Path socket, String command, String... args) throws IOException {
        for (String a : args) {
            if (a.contains(SEPARATOR) || a.contains("\n") || a.contains("\r")) {
                throw new IllegalArgumentException("an argument cannot hold a tab or a line break: " + a);
            }
        }
        String request = args.length == 0 ? command : command + SEPARATOR + String.join(SEPARATOR, args);
        return say(socket, request).map(line -> {
            int tab = line.indexOf(SEPARATOR);
            String status = tab < 0 ? line : line.substring(0, tab);
            return new Reply(status.equals("ok"), tab < 0 ? "" : line.substring(tab + 1));
        });
    }

    /** True when a running instance listens at {@code socket}. */
    public static boolean answers(Path socket) throws IOException {
        return say(socket, "ping").isPresent();
    }

    private static Optional<String> say(Path socket, String request) throws IOException {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (java.net.ConnectException e) {
            return Optional.empty(); // left by an instance that died
        }
        try (ch) {
            ch.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            String answer = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8))
                    .readLine();
            return Optional.of(answer == null ? "error" + SEPARATOR + "the running Crux closed the channel" : answer);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("closing the operator channel: {}", e.toString());
        }
    }
}
