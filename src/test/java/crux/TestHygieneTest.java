package crux;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tests stand alone: none runs in an order another one sets, and none waits for a time instead of a condition
 * ({@code Wait} polls a condition; {@code MutableClock} moves time for expiry).
 */
class TestHygieneTest {

    /** Where the one pause between checks of a condition lives. */
    static final String WAIT = "crux/testing/Wait.java";

    static final List<Pattern> ORDERED = List.of(Pattern.compile("@Order\\s*\\("), Pattern.compile("@TestMethodOrder"));
    static final Pattern SLEEP = Pattern.compile("Thread\\.sleep\\s*\\(|TimeUnit\\.\\w+\\.sleep\\s*\\(|LockSupport\\.park");

    static List<Path> sources() {
        Path root = TestApp.repositoryRoot().resolve("src/test/java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> offences(Pattern pattern, String allowedFile) {
        Path root = TestApp.repositoryRoot().resolve("src/test/java");
        List<String> found = new ArrayList<>();
        for (Path file : sources()) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (relative.equals(allowedFile) || relative.equals("crux/TestHygieneTest.java")) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (pattern.matcher(lines.get(i)).find()) {
                        found.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    @Test
    void theScanSeesTheTestSources() {
        assertThat(sources()).extracting(p -> p.getFileName().toString())
                .contains("TestHygieneTest.java", "Wait.java", "CampsHttpTest.java");
        assertThat(offences(SLEEP, "")).as("the one sleep, in Wait, is found when not allowed")
                .anyMatch(line -> line.startsWith(WAIT + ":"));
    }

    @Test
    void noTestDependsOnTheOrderTestsRunIn() {
        for (Pattern p : ORDERED) {
            assertThat(offences(p, "")).as(p.pattern()).isEmpty();
        }
    }

    @Test
    void noTestSleepsInsteadOfWaitingForACondition() {
        assertThat(offences(SLEEP, WAIT)).isEmpty();
    }
}
