package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import crux.db.Database;
import crux.testing.DatabasePerKind;
import crux.testing.MutableClock;
import crux.testing.TestDatabases;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Database sessions: hashed tokens, idle and absolute expiry (on a clock the test moves), ending them. */
class SessionsTest {

    static final DatabasePerKind DATABASES = new DatabasePerKind();

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static Database db(String kind) {
        return DATABASES.get(kind);
    }

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    /** A clock, a Sessions on it, and a fresh member: one per test. */
    record Fixture(Database db, MutableClock clock, SessionRepository sessions, AccountRepository accounts,
            Member member) {
        Member another() {
            return accounts.create("m" + UUID.randomUUID().toString().substring(0, 12), "$argon2id$dummy").orElseThrow();
        }
    }

    static Fixture fixture(String kind) {
        MutableClock clock = MutableClock.atNow();
        AccountRepository accounts = new AccountRepository(db(kind), clock);
        Fixture f = new Fixture(db(kind), clock, new SessionRepository(db(kind), clock), accounts, null);
        return new Fixture(f.db(), clock, f.sessions(), accounts, f.another());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theTokenIs256RandomBitsAndOnlyItsSha256IsStored(String kind) throws Exception {
        Fixture f = fixture(kind);
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            SessionRepository.Created c = f.sessions().create(f.member(), false, "ua", "127.0.0.1");
            assertThat(c.token()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(c.token())).hasSize(32);
            tokens.add(c.token());
            String stored = f.db().dsl().select(MEMBER_SESSION.TOKEN_HASH).from(MEMBER_SESSION)
                    .where(MEMBER_SESSION.ID.eq(c.session().id())).fetchOne().value1();
            assertThat(stored).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(c.token().getBytes())));
            // the token appears nowhere in the row
            String row = f.db().dsl().selectFrom(MEMBER_SESSION).where(MEMBER_SESSION.ID.eq(c.session().id()))
                    .fetchOne().intoList().toString();
            assertThat(row).doesNotContain(c.token());
            assertThat(c.session().csrf()).isNotEqualTo(c.token()).hasSize(43);
        }
        assertThat(tokens).hasSize(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void unknownAndMalformedTokensFindNothing(String kind) {
        Fixture f = fixture(kind);
        SessionRepository.Created c = f.sessions().create(f.member(), false, "ua", "ip");
        assertThat(f.sessions().find(c.token())).isPresent();
        assertThat(f.sessions().find(null)).isEmpty();
        assertThat(f.sessions().find("")).isEmpty();
        assertThat(f.sessions().find(SessionRepository.randomToken())).isEmpty();
        assertThat(f.sessions().find(c.token().substring(1))).isEmpty();
        assertThat(f.sessions().find(c.token() + "x")).isEmpty();
        // the stored hash is not a token either
        String hash = SessionRepository.hash(c.token());
        assertThat(f.sessions().find(hash)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anIdleSessionEndsAfterTheIdleTimeout(String kind) {
        Fixture f = fixture(kind);
        SessionRepository.Created c = f.sessions().create(f.member(), false, "ua", "ip");
        f.clock().advance(SessionRepository.IDLE_TIMEOUT.minusMinutes(1));
        assertThat(f.sessions().find(c.token())).isPresent();
        f.clock().advance(Duration.ofMinutes(2));
        assertThat(f.sessions().find(c.token())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void activityKeepsASessionAliveButNeverPastItsAbsoluteLifetime(String kind) {
        Fixture f = fixture(kind);
        SessionRepository.Created c = f.sessions().create(f.member(), false, "ua", "ip");
        Duration step = SessionRepository.IDLE_TIMEOUT.minusDays(1);
        Duration lived = Duration.ZERO;
        while (lived.plus(step).compareTo(SessionRepository.ABSOLUTE_LIFETIME) < 0) {
            f.clock().advance(step);
            lived = lived.plus(step);
            SessionRepository.Session s = f.sessions().find(c.token()).orElseThrow(() -> new AssertionError("ended early"));
            f.sessions().touch(s);
        }
        assertThat(lived).isGreaterThan(SessionRepository.IDLE_TIMEOUT.multipliedBy(3));
        f.clock().advance(SessionRepository.ABSOLUTE_LIFETIME.minus(lived).minusMinutes(1));
        assertThat(f.sessions().find(c.token())).isPresent();
        f.clock().advance(Duration.ofMinutes(2));
        assertThat(f.sessions().find(c.token())).as("past the absolute lifetime").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void lastSeenIsWrittenAtMostEveryFewMinutes(String kind) {
        Fixture f = fixture(kind);
        SessionRepository.Created c = f.sessions().create(f.member(), false, "ua", "ip");
        OffsetDateTime created = lastSeen(f, c);
        f.clock().advance(Duration.ofMinutes(1));
        f.sessions().touch(f.sessions().find(c.token()).orElseThrow());
        assertThat(lastSeen(f, c)).isEqualTo(created);
        f.clock().advance(SessionRepository.TOUCH_EVERY);
        f.sessions().touch(f.sessions().find(c.token()).orElseThrow());
        assertThat(lastSeen(f, c)).isAfter(created);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aMemberKeepsTheirMostRecentSessionsUpToTheCapAndOthersKeepTheirs(String kind) {
        Fixture f = fixture(kind);
        Member other = f.another();
        SessionRepository.Created theirs = f.sessions().create(other, false, "theirs", "ip");
        List<SessionRepository.Created> mine = new java.util.ArrayList<>();
        for (int i = 0; i < SessionRepository.MAX_PER_MEMBER; i++) {
            mine.add(f.sessions().create(f.member(), false, "device " + i, "ip"));
            f.clock().advance(Duration.ofSeconds(1));
        }
        assertThat(f.db().dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(f.member().id())))
                .isEqualTo(SessionRepository.MAX_PER_MEMBER);
        assertThat(rowExists(f, mine.get(0))).as("at the cap, nothing ended yet").isTrue();

        SessionRepository.Created newest = f.sessions().create(f.member(), false, "one more", "ip");
        assertThat(f.db().dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(f.member().id())))
                .isEqualTo(SessionRepository.MAX_PER_MEMBER);
        assertThat(rowExists(f, mine.get(0))).as("the least recently seen ends").isFalse();
        assertThat(rowExists(f, mine.get(1))).isTrue();
        assertThat(rowExists(f, newest)).isTrue();
        assertThat(rowExists(f, theirs)).as("another member's session").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSessionIsForAMemberOnly(String kind) {
        Fixture f = fixture(kind);
        int before = f.db().dsl().fetchCount(MEMBER_SESSION);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.sessions().create(null, false, "ua", "ip"))
                .isInstanceOf(NullPointerException.class);
        assertThat(f.db().dsl().fetchCount(MEMBER_SESSION)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void endAllEndsEverySessionOfOneMemberAndNoOneElses(String kind) {
        Fixture f = fixture(kind);
        Member other = f.another();
        SessionRepository.Created a = f.sessions().create(f.member(), false, "phone", "ip");
        SessionRepository.Created b = f.sessions().create(f.member(), true, "laptop", "ip");
        SessionRepository.Created theirs = f.sessions().create(other, false, "ua", "ip");
        assertThat(f.sessions().endAll(f.member().id())).isEqualTo(2);
        assertThat(f.sessions().find(a.token())).isEmpty();
        assertThat(f.sessions().find(b.token())).isEmpty();
        assertThat(f.sessions().find(theirs.token())).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aMemberListsAndEndsOnlyTheirOwnSessions(String kind) {
        Fixture f = fixture(kind);
        Member other = f.another();
        SessionRepository.Created here = f.sessions().create(f.member(), false, "here", "192.0.2.1");
        f.clock().advance(Duration.ofMinutes(1));
        SessionRepository.Created there = f.sessions().create(f.member(), false, "there", "192.0.2.2");
        SessionRepository.Created theirs = f.sessions().create(other, false, "theirs", "192.0.2.3");
        List<SessionRepository.Listed> listed = f.sessions().list(f.member().id(), here.session().id());
        assertThat(listed).extracting(SessionRepository.Listed::userAgent).containsExactly("there", "here");
        assertThat(listed).filteredOn(SessionRepository.Listed::current).extracting(SessionRepository.Listed::userAgent)
                .containsExactly("here");
        assertThat(f.sessions().endOwn(f.member().id(), theirs.session().id())).isFalse();
        assertThat(f.sessions().find(theirs.token())).isPresent();
        assertThat(f.sessions().endOthers(f.member().id(), here.session().id())).isEqualTo(1);
        assertThat(f.sessions().find(there.token())).isEmpty();
        assertThat(f.sessions().find(here.token())).isPresent();
        assertThat(f.sessions().endOwn(f.member().id(), here.session().id())).isTrue();
        assertThat(f.sessions().find(here.token())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void bannedAndDeletedMembersHaveNoLiveSessions(String kind) {
        Fixture f = fixture(kind);
        Member other = f.another();
        SessionRepository.Created banned = f.sessions().create(f.member(), false, "ua", "ip");
        SessionRepository.Created deleted = f.sessions().create(other, false, "ua", "ip");
        f.db().dsl().update(MEMBER).set(MEMBER.BANNED_AT, OffsetDateTime.now(f.clock()))
                .where(MEMBER.ID.eq(f.member().id())).execute();
        f.accounts().delete(other.id());
        assertThat(f.sessions().find(banned.token())).isEmpty();
        assertThat(f.sessions().find(deleted.token())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void cleanupRemovesExpiredAndIdleSessionsOnly(String kind) {
        Fixture f = fixture(kind);
        SessionRepository.Created idle = f.sessions().create(f.member(), false, "idle", "ip");
        f.clock().advance(SessionRepository.IDLE_TIMEOUT.plusMinutes(1));
        SessionRepository.Created fresh = f.sessions().create(f.member(), false, "fresh", "ip");
        assertThat(f.sessions().deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(rowExists(f, idle)).isFalse();
        assertThat(rowExists(f, fresh)).isTrue();
    }

    private static boolean rowExists(Fixture f, SessionRepository.Created c) {
        return f.db().dsl().fetchExists(MEMBER_SESSION, MEMBER_SESSION.ID.eq(c.session().id()));
    }

    private static OffsetDateTime lastSeen(Fixture f, SessionRepository.Created c) {
        return f.db().dsl().select(MEMBER_SESSION.LAST_SEEN_AT).from(MEMBER_SESSION)
                .where(MEMBER_SESSION.ID.eq(c.session().id())).fetchOne().value1()
                .withOffsetSameInstant(ZoneOffset.UTC);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/146.0.0.0 Safari/537.36 | Chrome on Linux",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox on Windows",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15 | Safari on macOS",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Safari on iOS",
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 | Chrome on Android",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0 | Edge on Windows",
            "curl/8.5.0 | curl/8.5.0",
            "'' | Unknown browser"})
    void aSessionIsDescribedByBrowserAndSystem(String ua, String expected) {
        assertThat(new SessionRepository.Listed(1, null, null, ua, null, false).device()).isEqualTo(expected);
    }
}
