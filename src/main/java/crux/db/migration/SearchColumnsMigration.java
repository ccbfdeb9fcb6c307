package crux.db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V71: what each database's search engine needs, which no one SQL file can say for both (crux.search).
 *
 * <p>PostgreSQL: a {@code search_tsv} column on item, comment and member, generated from their text (so whichever
 * statement writes the text also updates it, in its transaction), each with a GIN index. An item's statement weighs
 * most (A), then its resolution criteria (B), then the quoted passage (C). The columns stay out of the jOOQ classes,
 * which are generated from H2; only the search's own SQL names them.
 *
 * <p>H2: {@code search_seq} (from V70; on article too) takes the next value of the {@code search_seq} sequence when a row is inserted
 * and whenever an update changes it, whatever code (or person) wrote it; existing rows are numbered now. The Lucene
 * index reads the rows numbered above the last number it holds. Frequent updates of what is not searched (tallies,
 * votes, reply counts, article activity) set the column to itself, which keeps the number.
 *
 * <p>Self-contained like a SQL migration: it uses no application code.
 */
public final class SearchColumnsMigration extends JavaMigrationBase {

    private static final List<String> TABLES = List.of("comment", "item", "member");

    public SearchColumnsMigration() {
        super("71", "search columns");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement s = c.createStatement()) {
            if (postgres) {
                postgres(s);
            } else {
                h2(s);
            }
        }
    }

    private static void postgres(Statement s) throws SQLException {
        s.execute("ALTER TABLE item ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ("
                + "setweight(to_tsvector('english', statement), 'A')"
                + " || setweight(to_tsvector('english', coalesce(resolution_criteria, '')), 'B')"
                + " || setweight(to_tsvector('english', quote), 'C')) STORED");
        s.execute("ALTER TABLE comment ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ("
                + "setweight(to_tsvector('english', body_source), 'A')) STORED");
        // names are not English words: no stemming, no stop words
        s.execute("ALTER TABLE member ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ("
                + "setweight(to_tsvector('simple', name), 'A')) STORED");
        for (String table : TABLES) {
            s.execute("CREATE INDEX " + table + "_search_ix ON " + table + " USING GIN (search_tsv)");
        }
    }

    private static void h2(Statement s) throws SQLException {
        for (String table : List.of("comment", "item", "member", "article")) {
            s.execute("UPDATE " + table + " SET search_seq = NEXT VALUE FOR search_seq");
            s.execute("ALTER TABLE " + table + " ALTER COLUMN search_seq SET DEFAULT NEXT VALUE FOR search_seq");
            s.execute("ALTER TABLE " + table + " ALTER COLUMN search_seq SET ON UPDATE NEXT VALUE FOR search_seq");
            s.execute("CREATE INDEX " + table + "_search_seq_ix ON " + table + " (search_seq)");
        }
    }
}
