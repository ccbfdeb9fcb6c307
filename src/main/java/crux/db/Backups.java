package crux.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;

/**
 * Backups of the embedded database and their files. A backup is a zipped SQL script of the whole database (H2's
 * {@code SCRIPT}), transactionally consistent, taken while Crux keeps serving and writing. Every backup is written under a
 * temporary name and renamed only once it is complete and has been read back, so a crash mid-way leaves a
 * {@code .partial} file that nothing (restore, the list of backups, the count kept) takes for a backup.
 */
public final class Backups {

    /** H2's database file suffix. */
    public static final String H2_SUFFIX = ".mv.db";
    /** Names of files still being written. */
    public static final String PARTIAL = ".partial";
    /** A partial file older than this belongs to a backup that died: no backup takes this long. */
    static final Duration STALE_PARTIAL = Duration.ofHours(6);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Backups() {
    }

    /** Writes a file: {@code target} appears, whole, only when {@code write} has filled its temporary file. */
    public interface Writer {
        void write(Path temporary) throws IOException, SQLException;
    }

    /**
     * Runs {@code write} into a temporary file beside {@code target}, checks the result with {@code complete}, makes
     * it durable and renames it to {@code target} in one step. On any failure the temporary file is removed and
     * {@code target} is left as it was.
     */
    public static void atomically(Path target, Writer write, java.util.function.Predicate<Path> complete)
            throws IOException, SQLException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + PARTIAL);
        try {
            write.write(temporary);
            if (!complete.test(temporary)) {
                throw new IOException("the backup written to " + temporary + " is incomplete");
            }
            try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * An online, consistent backup of the H2 database behind {@code ds}, as a zipped SQL script at {@code target}.
     * H2's {@code SCRIPT} runs in a SNAPSHOT transaction, so every table is read as of one moment while writers go on.
     * (H2's {@code BACKUP TO} copies the file as it lies on disk, which can be an older version than the one committed.)
     */
    public static void h2(DataSource ds, Path target) throws IOException, SQLException {
        atomically(target, temporary -> {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                boolean autoCommit = c.getAutoCommit();
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                try {
                    c.setAutoCommit(false);
                    st.execute("SCRIPT TO '" + quoted(temporary) + "' COMPRESSION ZIP");
                    c.rollback();
                } finally {
                    c.setAutoCommit(autoCommit);
                    st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                }
            }
        }, Backups::isH2Backup);
    }

    private static String quoted(Path file) {
        return file.toAbsolutePath().toString().replace("'", "''");
    }

    /** True when {@code file} is a whole zip (its central directory read) holding a database script. */
    public static boolean isH2Backup(Path file) {
        return scriptEntry(file).isPresent();
    }

    private static Optional<String> scriptEntry(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().endsWith(".sql") && !e.getName().contains("/")) {
                    return Optional.of(e.getName());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Loads the backup {@code zip} into the new, empty H2 database behind {@code ds}. */
    public static void loadH2(Path zip, DataSource ds) throws IOException, SQLException {
        if (scriptEntry(zip).isEmpty()) {
            throw new IOException(zip + " is not a complete Crux backup");
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("RUNSCRIPT FROM '" + quoted(zip) + "' COMPRESSION ZIP");
        }
    }

    /** The name of a backup made at {@code at}: sorting the names sorts the backups by age. */
    public static String fileName(Instant at, String extension) {
        return "crux-" + STAMP.format(at) + extension;
    }

    /** The complete backups in {@code dir} (named by {@link #fileName}), newest first. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "crux-*")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (Files.isRegularFile(f) && !n.endsWith(PARTIAL)) {
                    found.add(f);
                }
            }
        }
        found.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return found;
    }

    /**
     * Keeps the newest {@code keep} backups in {@code dir} and deletes the rest, and the partial files of backups
     * that died long ago; returns the files deleted.
     */
    public static List<Path> prune(Path dir, int keep, Instant now) throws IOException {
        List<Path> deleted = new ArrayList<>();
        List<Path> complete = list(dir);
        for (Path old : complete.subList(Math.min(keep, complete.size()), complete.size())) {
            Files.deleteIfExists(old);
            deleted.add(old);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".crux-*" + PARTIAL)) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(now.minus(STALE_PARTIAL))) {
                    Files.deleteIfExists(f);
                    deleted.add(f);
                }
            }
        }
        return deleted;
    }
}
