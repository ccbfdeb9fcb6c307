package crux.db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V80: on PostgreSQL, the change-number triggers of V78 fire only for updates that set a searched column.
 * V78's trigger compared the whole row before and after, as JSON, on every update: every stance and forecast (an
 * item's tally), every vote (a comment's counts) paid for turning the row, its quoted passage or comment body
 * included, into JSON twice, about a third of the server's time for the item update a stance makes.
 * {@code UPDATE OF} lets PostgreSQL skip the trigger by the columns an update sets, before calling it; updates that
 * set a searched column compare as before.
 *
 * <p>The columns are read from the table as it is now: every one but those V78 lists as not searched and the number
 * itself. A column added later is not in the list until a migration makes the trigger again: a test compares each
 * trigger's columns with its table's, so that one is not forgotten.
 *
 * <p>H2: nothing (its numbers come from ON UPDATE, V71). Self-contained like a SQL migration: it uses no application
 * code.
 */
public final class SearchTriggerColumnsMigration extends JavaMigrationBase {

    public SearchTriggerColumnsMigration() {
        super("80", "search change numbers by column on postgresql");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        for (Map.Entry<String, List<String>> table : SearchVersionMigration.NOT_SEARCHED.entrySet()) {
            String t = table.getKey();
            List<String> searched = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
                q.setString(1, t);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        String column = r.getString(1);
                        if (!table.getValue().contains(column) && !column.equals("search_seq")) {
                            searched.add(column);
                        }
                    }
                }
            }
            String args = String.join(", ", table.getValue().stream().map(col -> "'" + col + "'").toList());
            try (Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER " + t + "_search_changed ON " + t);
                s.execute("CREATE TRIGGER " + t + "_search_changed BEFORE UPDATE OF " + String.join(", ", searched)
                        + " ON " + t + " FOR EACH ROW EXECUTE FUNCTION crux_search_changed(" + args + ")");
            } catch (SQLException e) {
                throw new SQLException("could not make " + t + "'s change-number trigger again", e);
            }
        }
    }
}
