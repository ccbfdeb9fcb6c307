package crux.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.Config;
import crux.core.OverLimit;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The password policy and Argon2id hashing. Hashing uses cheap parameters except where OWASP's are the point. */
class PasswordsTest {

    static final Passwords.Params CHEAP = new Passwords.Params(1024, 1, 1);
    static Passwords passwords;

    /** Ten distinct emoji: ten code points, twenty UTF-16 units. */
    static final String TEN_EMOJI = "🦊🐙🌵🚲🎻🧲🍄🛶🪁🧭";

    @BeforeAll
    static void setUp() {
        passwords = new Passwords(CHEAP);
    }

    @Test
    void theDefaultIsArgon2idWithOwaspParameters() {
        assertThat(Passwords.OWASP).isEqualTo(new Passwords.Params(19_456, 2, 1));
        assertThat(Config.fromMap(Map.of()).passwordParams()).isEqualTo(Passwords.OWASP);
        Passwords owasp = new Passwords(Passwords.OWASP);
        String hash = owasp.hash("a long enough passphrase");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(owasp.matches("a long enough passphrase", hash)).isTrue();
        assertThat(owasp.matches("a long enough passphrasE", hash)).isFalse();
        assertThat(owasp.needsRehash(hash)).isFalse();
    }

    /** Made by password4j 1.8.4 (Crux's hashing before argon2-jvm): members' stored hashes keep working. */
    @ParameterizedTest
    @ValueSource(strings = {
        "$argon2id$v=19$m=1024,t=1,p=1$p/AiG+2t9qO1pzxtthvmYQ$jHNQ4G4eHHubkwpve1UM/CjuN8w3/Obb19SSrEOxwrs",
        "$argon2id$v=19$m=19456,t=2,p=1$LzYVB9hxzUk7Kx+mWQIiXA$GDhfKUgW//fPCLHqo87Iuohut+8M9281DVDgxE+BKrk"})
    void hashesStoredBeforeTheSwitchStillMatch(String stored) {
        assertThat(passwords.matches("Schlüssel-für-Crux 🔑", stored)).isTrue();
        assertThat(passwords.matches("Schlussel-fur-Crux 🔑", stored)).isFalse();
        assertThat(passwords.matches("Schlüssel-für-Crux", stored)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$argon2id$", "$argon2id$v=19$m=1024,t=1,p=1$p/AiG+2t9qO1pzxtthvmYQ$",
        "$argon2id$v=19$m=1024,t=1,p=1$!!!$jHNQ4G4eHHubkwpve1UM/CjuN8w3/Obb19SSrEOxwrs",
        "$argon2i$v=19$m=1024,t=1,p=1$p/AiG+2t9qO1pzxtthvmYQ$jHNQ4G4eHHubkwpve1UM/CjuN8w3/Obb19SSrEOxwrs",
        "$argon2id$v=19$m=1024,t=0,p=1$p/AiG+2t9qO1pzxtthvmYQ$jHNQ4G4eHHubkwpve1UM/CjuN8w3/Obb19SSrEOxwrs",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"})
    void aDamagedOrForeignHashNeverMatches(String stored) {
        assertThat(passwords.matches("Schlüssel-für-Crux 🔑", stored)).isFalse();
        assertThat(passwords.freeSlots()).isEqualTo(Passwords.CONCURRENT_HASHES);
    }

    /**
     * The 19 MiB of working memory of a hash stays off the Java heap: a Java Argon2 allocated it there for every hash
     * (measured with password4j 1.8.4: 101 MB per hash or check, and 50–68 ms; here under 15 kB and 16 ms).
     */
    @Test
    void hashingWithOwaspParametersAllocatesAlmostNothingOnTheHeap() {
        Passwords owasp = new Passwords(Passwords.OWASP);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        String hash = owasp.hash("a long enough passphrase"); // warm: JNA's first call loads the library
        long before = threads.getThreadAllocatedBytes(id);
        hash = owasp.hash("a long enough passphrase");
        boolean matched = owasp.matches("a long enough passphrase", hash);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(matched).isTrue();
        assertThat(allocated).as("bytes allocated on the heap by one hash and one check").isLessThan(1_000_000);
    }

    @Test
    void theCostCanBeSetFromTheEnvironment() {
        assertThat(Config.fromMap(Map.of("CRUX_ARGON2", "65536, 3, 2")).passwordParams())
                .isEqualTo(new Passwords.Params(65536, 3, 2));
        assertThatThrownBy(() -> Config.fromMap(Map.of("CRUX_ARGON2", "lots")))
                .hasMessageContaining("memoryKiB,iterations,parallelism");
    }

    @Test
    void lengthIsTenToOneHundredTwentyEightCharacters() {
        assertThat(passwords.problem("kq7#Vm2!x", null)).hasValue("Use at least 10 characters.");
        assertThat(passwords.problem("kq7#Vm2!xR", null)).isEmpty();
        String longest = "correct horse battery staple ".repeat(5).substring(0, 128);
        assertThat(longest).hasSize(128);
        assertThat(passwords.problem(longest, null)).isEmpty();
        assertThat(passwords.problem(longest + "x", null)).hasValue("Use at most 128 characters.");
        assertThat(passwords.problem("", null)).hasValue("Choose a password.");
    }

    @Test
    void lengthIsCountedInCodePointsNotUtf16Units() {
        assertThat(TEN_EMOJI).hasSize(20);
        assertThat(passwords.problem(TEN_EMOJI, null)).isEmpty();
        assertThat(passwords.problem(TEN_EMOJI.substring(0, 18), null)).hasValue("Use at least 10 characters.");
        String emoji128 = TEN_EMOJI.repeat(13).substring(0, 256); // 128 code points
        assertThat(emoji128.codePointCount(0, emoji128.length())).isEqualTo(128);
        assertThat(passwords.problem(emoji128, null)).isEmpty();
        assertThat(passwords.problem(emoji128 + "x", null)).hasValue("Use at most 128 characters.");
    }

    @Test
    void nothingIsTruncated() {
        String base = "x7$Lq".repeat(26).substring(0, 127);
        String a = base + "a";
        String b = base + "b";
        assertThat(a).hasSize(128);
        String hashA = passwords.hash(a);
        assertThat(passwords.matches(a, hashA)).isTrue();
        assertThat(passwords.matches(b, hashA)).isFalse();

        String emojiBase = TEN_EMOJI.repeat(13).substring(0, 254); // 127 code points
        String e1 = emojiBase + "🦊";
        String e2 = emojiBase + "🐙";
        String hashE = passwords.hash(e1);
        assertThat(passwords.matches(e1, hashE)).isTrue();
        assertThat(passwords.matches(e2, hashE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Пароль-для-Crux-2025", "東京タワーの夜景がきれい", "كلمة مرور طويلة جدا", "🔑 mein Schlüssel 🔑",
            "çå∂ƒ©˙∆˚¬…æ", "tab\there and\nnewline"})
    void anyCharactersWork(String password) {
        assertThat(passwords.problem(password, null)).isEmpty();
        String hash = passwords.hash(password);
        assertThat(passwords.matches(password, hash)).isTrue();
        assertThat(passwords.matches(password + " ", hash)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password123", "password1234", "1234567890", "qwertyuiop", "iloveyou123", "aaaaaaaaaaaa",
            "Password2024"})
    void commonPasswordsAreRefused(String password) {
        assertThat(passwords.problem(password, null))
                .hasValueSatisfying(p -> assertThat(p).contains("too common or too easy to guess"));
    }

    @Test
    void commonPasswordsAreRefusedWithTheEstimatorsHint() {
        assertThat(passwords.problem("password123", null)).hasValue("This password is too common or too easy to guess:"
                + " This is a top-10 common password. Try a few unrelated words.");
        assertThat(passwords.problem("aaaaaaaaaaaa", null)).hasValue("This password is too common or too easy to guess:"
                + " Repeats like \"aaa\" are easy to guess. Try a few unrelated words.");
    }

    @Test
    void theParametersAreTheOnesGiven() {
        assertThat(passwords.params()).isEqualTo(new Passwords.Params(1024, 1, 1));
    }

    @Test
    void anInterruptedWaitForASlotAnswersBusyAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> passwords.hash("interrupted while waiting")).isInstanceOf(Passwords.Busy.class)
                    .hasMessage("Crux is busy right now. Please try again in a few seconds.");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(passwords.freeSlots()).isEqualTo(Passwords.CONCURRENT_HASHES);
    }

    @Test
    void aHashTheLibraryCannotDecodeNeverMatches() {
        assertThat(passwords.matches("Schlüssel-für-Crux 🔑", "$argon2id$v=19$m=1024,t=1,p=1$p/AiG+2t9qO1pzxtthvmYQ$***"))
                .isFalse();
        assertThat(passwords.freeSlots()).isEqualTo(Passwords.CONCURRENT_HASHES);
    }

    @Test
    void aPasswordMayNotContainTheName() {
        assertThat(passwords.problem("Margarethe-keeps-bees", "margarethe"))
                .hasValue("Your password must not contain your name.");
        assertThat(passwords.problem("Margarethe-keeps-bees", "walter")).isEmpty();
    }

    @Test
    void hashesAreSaltedAndUnknownOrBrokenHashesNeverMatch() {
        String h1 = passwords.hash("same password here");
        String h2 = passwords.hash("same password here");
        assertThat(h1).isNotEqualTo(h2);
        assertThat(passwords.matches("same password here", null)).isFalse();
        assertThat(passwords.matches("same password here", "not a hash")).isFalse();
        assertThat(passwords.matches("same password here", "")).isFalse();
    }

    @Test
    void aHashMadeWithOtherParametersStillMatchesAndAsksForARehash() {
        Passwords old = new Passwords(new Passwords.Params(2048, 1, 1));
        String oldHash = old.hash("an older passphrase");
        assertThat(passwords.matches("an older passphrase", oldHash)).isTrue();
        assertThat(passwords.needsRehash(oldHash)).isTrue();
        assertThat(old.needsRehash(oldHash)).isFalse();
        assertThat(passwords.needsRehash(passwords.hash("an older passphrase"))).isFalse();
        assertThat(new Passwords(new Passwords.Params(1024, 2, 1)).needsRehash(passwords.hash("x"))).isTrue();
        assertThat(new Passwords(new Passwords.Params(1024, 1, 2)).needsRehash(passwords.hash("x"))).isTrue();
        assertThat(passwords.needsRehash(null)).isFalse();
    }

    @Test
    void hashingIsCappedAndAFullHouseAnswersBusyWithRetryAfter() throws Exception {
        Passwords capped = new Passwords(new Passwords.Params(32 * 1024, 8, 1), 1, Duration.ofMillis(20));
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> capped.hash("first in line"));
        while (capped.freeSlots() > 0) {
            Thread.onSpinWait();
        }
        // one 32 MiB x 8 hash takes far longer than the 20 ms the second caller is willing to wait
        assertThatThrownBy(() -> capped.hash("second in line"))
                .isInstanceOf(Passwords.Busy.class)
                .isInstanceOfSatisfying(OverLimit.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Crux is busy right now. Please try again in a few seconds.");
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        assertThat(running).isNotDone();
        assertThat(capped.matches("first in line", running.get())).isTrue();
        assertThat(capped.freeSlots()).isEqualTo(1);
    }

    /**
     * Eight sign-ins at once, as the benchmark's login scenario sends them, with room for two hashes: each sign-in
     * waits for its turn and succeeds, and no more than two hashes (19 MiB of native memory each with OWASP's
     * parameters) ever run at the same time. The first hashes to arrive wait for each other, so the cap is reached.
     */
    @Test
    void queuedSignInsWaitTheirTurnAndNoMoreHashesThanSlotsEverRunAtOnce() {
        assertThat(mostHashesAtOnce(2, 8)).isEqualTo(2);
    }

    /** The other side: with a slot per sign-in, the same eight sign-ins hash more than two at once. */
    @Test
    void withMoreSlotsMoreHashesRunAtOnce() {
        assertThat(mostHashesAtOnce(8, 8)).isEqualTo(8);
    }

    /** Runs that many sign-ins at once with that many slots, each succeeding; returns the most hashes seen at once. */
    private static int mostHashesAtOnce(int slots, int signIns) {
        Argon2 real = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // set once the decoy hash made at construction is done: from then on the first `slots` hashes wait (up to
        // 10 s) until that many are running, so a cap that lets more through shows; later ones go straight on
        AtomicReference<CountDownLatch> together = new AtomicReference<>();
        Argon2 watched = (Argon2) Proxy.newProxyInstance(Argon2.class.getClassLoader(), new Class<?>[] {Argon2.class},
                (proxy, method, args) -> {
                    CountDownLatch gate = together.get();
                    boolean hashing = gate != null
                            && (method.getName().equals("hash") || method.getName().equals("verify"));
                    if (hashing) {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        gate.countDown();
                        gate.await(10, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (hashing) {
                            running.decrementAndGet();
                        }
                    }
                });
        Passwords capped = new Passwords(CHEAP, slots, Duration.ofSeconds(30), watched);
        String stored = passwords.hash("eight members at the door");
        together.set(new CountDownLatch(slots));
        ExecutorService members = Executors.newFixedThreadPool(signIns);
        try {
            List<CompletableFuture<Passwords.Check>> checks = IntStream.range(0, signIns)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> capped.check("eight members at the door", stored), members))
                    .toList();
            assertThat(checks).allSatisfy(c -> assertThat(c.join()).isEqualTo(new Passwords.Check(true, false)));
        } finally {
            members.shutdown();
        }
        assertThat(capped.freeSlots()).isEqualTo(slots);
        return most.get();
    }
}
