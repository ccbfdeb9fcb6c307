package crux.db.migration;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * What Crux's Java migrations share: a version and description of their own (their class names are not Flyway's
 * {@code V78__name}), no checksum (their SQL is code, not a file), and one transaction each.
 */
abstract class JavaMigrationBase implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    JavaMigrationBase(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
