package crux.db.migration;

import crux.forecasts.ForecastReplay;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration V51: the community points of forecasts made before V50 created their table. A weighted median is no
 * SQL, so this replays each such prediction in Java ({@link ForecastReplay#backfill}). As a Flyway migration it runs
 * exactly once per database, in a transaction, under Flyway's lock — two instances starting together cannot both
 * run it, and nothing is served before it is done, so no job lease or "not yet backfilled" state is needed. For the
 * same reason it need not bump forecast_version (which V52 only adds afterwards): no instance holds a copy of the
 * latest forecasts it rewrites.
 * Registered in {@link crux.db.Database#flyway}; the build's code generation only needs the SQL migrations.
 */
public final class CommunityPointsMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("51");
    }

    @Override
    public String getDescription() {
        return "community points of earlier forecasts";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        ForecastReplay.backfill(context.getConnection());
    }
}
