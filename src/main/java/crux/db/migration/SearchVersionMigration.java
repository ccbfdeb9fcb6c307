package crux.db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V78: change numbers on PostgreSQL, so that a search's results can be kept until something searched
 * changes (crux.search.KeptSearches). H2 has them since V71 (its Lucene index reads them); this gives PostgreSQL the
 * same: the {@code search_seq} of a row of item, comment, member or article takes the next value of the
 * {@code search_seq} sequence when the row is inserted and whenever an update changes it, whatever code (or person)
 * wrote it, and a deletion from those tables adds a number to {@code search_removal}.
 *
 * <p>An update that changes only columns nobody searches or sees in a result (tallies, votes, reply counts, forecasts,
 * an article's activity: the columns H2's updates keep the number for) keeps the number, so forecasts and stances do
 * not make popular searches run again. The comparison is of the whole row without those columns, so a column added
 * later counts as searched until it is listed here: a needless new number costs one search, a missing one would show
 * stale results.
 *
 * <p>H2: nothing (V71 did it). Self-contained like a SQL migration: it uses no application code.
 */
public final class SearchVersionMigration extends JavaMigrationBase {

    /** Per table, the columns whose changes keep the number (generated search_tsv: null in a BEFORE trigger). */
    static final Map<String, List<String>> NOT_SEARCHED = Map.of(
            "item", List.of("agree_count", "unsure_count", "disagree_count", "community_forecast",
                    "forecaster_count", "forecast_version", "search_tsv"),
            "comment", List.of("ups", "downs", "members_moved", "forecast_movement", "reply_count", "search_tsv"),
            "member", List.of("search_tsv"),
            "article", List.of("participant_count", "recent_actions", "last_activity_at"));

    public SearchVersionMigration() {
        super("78", "search change numbers on postgresql");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            // on both, so that the two schemas stay alike (move-to-postgres compares them); H2 leaves it empty
            s.execute("CREATE TABLE search_removal (search_seq BIGINT PRIMARY KEY)");
            if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                postgres(s);
            }
        }
    }

    private static void postgres(Statement s) throws SQLException {
        // the row as it was and as it will be, without the columns that are not searched (and the number itself)
        s.execute("CREATE FUNCTION crux_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF (to_jsonb(NEW) - TG_ARGV - 'search_seq') IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV - 'search_seq')"
                + " THEN NEW.search_seq := nextval('search_seq'); END IF; RETURN NEW; END $$");
        // deletions are rare (nothing in Crux deletes these rows; an operator might): a number per row deleted
        s.execute("CREATE FUNCTION crux_search_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO search_removal VALUES (nextval('search_seq')); RETURN NULL; END $$");
        for (var table : NOT_SEARCHED.entrySet()) {
            String t = table.getKey();
            String args = String.join(", ", table.getValue().stream().map(col -> "'" + col + "'").toList());
            // a row inserted with a number keeps it (move-to-postgres copies H2's, then moves the sequence past them)
            s.execute("ALTER TABLE " + t + " ALTER COLUMN search_seq SET DEFAULT nextval('search_seq')");
            s.execute("CREATE TRIGGER " + t + "_search_changed BEFORE UPDATE ON " + t
                    + " FOR EACH ROW EXECUTE FUNCTION crux_search_changed(" + args + ")");
            s.execute("CREATE TRIGGER " + t + "_search_removed AFTER DELETE ON " + t
                    + " FOR EACH ROW EXECUTE FUNCTION crux_search_removed()");
            s.execute("CREATE INDEX " + t + "_search_seq_ix ON " + t + " (search_seq)");
        }
    }
}
