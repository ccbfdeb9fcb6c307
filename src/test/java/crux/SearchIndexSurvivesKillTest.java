package crux;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.ChildCrux;
import crux.testing.CommandRun;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's search index after SIGKILL: an argument Crux acknowledged and found just before the kill (the
 * index not yet committed) is found after a restart, and {@code reindex} rebuilds a lost index. The real Main, in child
 * JVMs.
 */
class SearchIndexSurvivesKillTest {

    static final String PW = "lantern orbit cactus 77";

    static String found(TestClient c, String word) {
        TestClient.Response r = c.get("/search?q=" + word);
        assertThat(r.status()).isEqualTo(200);
        return String.join(" ", r.html().select(".search-result .search-title").eachAttr("href"));
    }

    @Test
    @Timeout(180)
    void anArgumentFoundBeforeKill9IsFoundAfterARestartAndReindexRebuildsALostIndex(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> embedded = Map.of("CRUX_DATA", data.toString());
        ChildCrux first = ChildCrux.start("first", dir.resolve("first.log"), embedded);
        long argument;
        try {
            first.awaitHealthy();
            TestClient member = first.client();
            assertThat(member.register("Searcher", PW).status()).isEqualTo(302);
            long claim = Seeded.firstInText(member, "claim");
            TestClient.Response r = member.submit("/about", "/items/" + claim + "/arguments", form("side", "supports",
                    "body", "The quetzal argument, acknowledged just before the crash.", "token", PostTokens.next()));
            assertThat(r.status()).as("acknowledged").isEqualTo(302);
            argument = Long.parseLong(r.location().replaceAll(".*#comment-", ""));
            assertThat(found(member, "quetzal")).isEqualTo("/comments/" + argument);
        } finally {
            assertThat(first.kill()).as("killed, not shut down").isEqualTo(137);
        }

        try (ChildCrux second = ChildCrux.start("second", dir.resolve("second.log"), embedded)) {
            second.awaitHealthy();
            assertThat(found(second.client(), "quetzal")).isEqualTo("/comments/" + argument);
        }

        Path index = data.resolve("search");
        assertThat(index).isDirectory();
        try (Stream<Path> files = Files.walk(index)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Config config = Config.fromMap(Map.of("CRUX_DATA", data.toString(), "CRUX_HOME",
                TestApp.repositoryRoot().toString()));
        CommandRun reindex = CommandRun.of(() -> Main.command(config, new String[] {"reindex"}));
        assertThat(reindex.exit()).as(reindex.err()).isZero();
        assertThat(reindex.out()).contains("Rebuilt the search index in " + index.toAbsolutePath().normalize());
        assertThat(index.resolve("write.lock")).exists();

        try (ChildCrux third = ChildCrux.start("third", dir.resolve("third.log"), embedded)) {
            third.awaitHealthy();
            assertThat(found(third.client(), "quetzal")).isEqualTo("/comments/" + argument);
            assertThat(third.logText()).doesNotContain("rebuilding the search index");
        }
    }
}
