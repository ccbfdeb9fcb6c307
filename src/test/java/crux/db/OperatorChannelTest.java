package crux.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator channel answers the commands it was given, with their arity, and nothing else. */
class OperatorChannelTest {

    @Test
    void answersItsCommandsOnlyOverAnOwnerOnlySocket(@TempDir Path dir) throws Exception {
        List<List<String>> ran = new CopyOnWriteArrayList<>();
        Map<String, OperatorChannel.Command> commands = Map.of(
                "greet", new OperatorChannel.Command(2, args -> {
                    ran.add(args);
                    return OperatorChannel.Reply.ok("hello " + args.get(0) + " and " + args.get(1));
                }),
                "fail", new OperatorChannel.Command(0, args -> {
                    throw new IllegalStateException("it broke\nbadly");
                }),
                "refuse", new OperatorChannel.Command(0, args -> OperatorChannel.Reply.refused("not today")));
        Path socket = OperatorChannel.socketFor(dir.resolve("crux"));
        try (OperatorChannel channel = OperatorChannel.open(socket, commands)) {
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(OperatorChannel.answers(socket)).isTrue();
            assertThat(OperatorChannel.ask(socket, "greet", "Ann", "a file with spaces.zip"))
                    .hasValue(OperatorChannel.Reply.ok("hello Ann and a file with spaces.zip"));
            assertThat(OperatorChannel.ask(socket, "refuse")).hasValue(OperatorChannel.Reply.refused("not today"));
            assertThat(OperatorChannel.ask(socket, "fail")).hasValue(OperatorChannel.Reply.refused("it broke badly"));
            assertThat(OperatorChannel.ask(socket, "greet", "only one"))
                    .hasValue(OperatorChannel.Reply.refused("greet takes 2 arguments, not 1"));
            assertThat(OperatorChannel.ask(socket, "shell", "rm -rf /")).get().satisfies(r -> {
                assertThat(r.ok()).isFalse();
                assertThat(r.text()).startsWith("unknown command: shell");
            });
            assertThatThrownBy(() -> OperatorChannel.ask(socket, "greet", "a\tb", "c"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ran).containsExactly(List.of("Ann", "a file with spaces.zip"));
        }
        assertThat(OperatorChannel.ask(socket, "greet", "a", "b")).as("closed: nobody answers").isEmpty();
    }
}
