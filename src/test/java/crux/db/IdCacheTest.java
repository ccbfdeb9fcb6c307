package crux.db;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On H2 every identity column and sequence hands out ids from a cache of {@link Database#H2_ID_CACHE}, so that its
 * state is written to disk once per thousand ids rather than once per 32 (each such write is a commit of its own).
 * That ids are not handed out twice after a crash is {@code AcknowledgedWriteSurvivesKillTest}'s part.
 */
class IdCacheTest {

    @Test
    void everyIdentityAndSequenceOnH2HasTheLargeCache() throws Exception {
        TestDatabases.withFresh("h2", db -> {
            List<Long> identities = db.dsl().fetch("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND IS_IDENTITY = 'YES'").getValues(0, Long.class);
            assertThat(identities).as("forecast, member, comment flags, …").hasSizeGreaterThan(8)
                    .allMatch(cache -> cache >= Database.H2_ID_CACHE);
            List<Long> sequences = db.dsl().fetch("SELECT CACHE FROM INFORMATION_SCHEMA.SEQUENCES"
                    + " WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA").getValues(0, Long.class);
            assertThat(sequences).as("comment ids").isNotEmpty().allMatch(cache -> cache >= Database.H2_ID_CACHE);
        });
    }
}
