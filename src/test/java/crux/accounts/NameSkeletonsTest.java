package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import crux.db.Database;
import crux.testing.DatabasePerKind;
import crux.testing.TestDatabases;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Look-alike names in the database: members made before skeletons were stored get theirs at start (on H2 and
 * PostgreSQL alike), existing look-alikes both stay, and the unique index then refuses any new one.
 */
class NameSkeletonsTest {

    static final DatabasePerKind DATABASES = new DatabasePerKind();

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    /** A member as one made before V69 was stored: no skeleton. */
    static long oldMember(Database db, String name) {
        return db.dsl().insertInto(MEMBER).set(MEMBER.NAME, name).set(MEMBER.NAME_KEY, Usernames.key(name))
                .set(MEMBER.PASSWORD_HASH, "x").set(MEMBER.CREATED_AT, OffsetDateTime.now())
                .returningResult(MEMBER.ID).fetchOne().value1();
    }

    static String skeletonOf(Database db, long id) {
        return db.dsl().select(MEMBER.NAME_SKELETON).from(MEMBER).where(MEMBER.ID.eq(id)).fetchOne().value1();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void existingNamesAreFilledAtStartAndLookAlikesCannotJoinThem(String kind) {
        Database db = DATABASES.get(kind);
        AccountRepository accounts = new AccountRepository(db, Clock.systemUTC());
        long first = oldMember(db, "harold-" + kind);
        long lookAlike = oldMember(db, "haro1d-" + kind); // already there before the rule: it stays
        long other = oldMember(db, "winifred-" + kind);

        assertThat(accounts.fillSkeletons()).isEqualTo(2);
        assertThat(skeletonOf(db, first)).isEqualTo(Usernames.skeleton("harold-" + kind));
        assertThat(skeletonOf(db, lookAlike)).as("the later look-alike keeps its name, without a skeleton").isNull();
        assertThat(skeletonOf(db, other)).isEqualTo(Usernames.skeleton("winifred-" + kind));
        assertThat(accounts.fillSkeletons()).as("once filled, nothing to do").isZero();

        int members = db.dsl().fetchCount(MEMBER);
        // Cyrillic ԁ (U+0501) for d: refused by the index itself, even past the form's checks (a race)
        assertThat(accounts.create("harol\u0501-" + kind, "x")).isEmpty();
        assertThat(accounts.create("HAROLD-" + kind, "x")).isEmpty();
        assertThat(db.dsl().fetchCount(MEMBER)).as("nothing stored").isEqualTo(members);
        assertThat(accounts.lookAlike("harol\u0501-" + kind)).hasValue("harold-" + kind);
        assertThat(accounts.create("harriet-" + kind, "x")).isPresent();
    }
}
