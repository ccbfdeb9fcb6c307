package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsNamesAfterAnAtSignCaseFoldedInOrderOnce() {
        assertThat(Mentions.keys("Thanks @Alice and @bob_2, and @alice again.")).containsExactly("alice", "bob_2");
        assertThat(Mentions.keys("(@Zoë) @ÅSA-99")).containsExactly("zoë", "åsa-99");
    }

    @Test
    void ignoresEmailAddressesWordsReservedAndImpossibleNames() {
        assertThat(Mentions.keys("write to ann@example.org or x.@bob")).isEmpty();
        assertThat(Mentions.keys("@ab is too short, @admin is reserved, @ alone is nothing, @-dash starts wrong")).isEmpty();
        assertThat(Mentions.keys(null)).isEmpty();
    }

    @Test
    void tellsAtMostAHandfulOfPeople() {
        assertThat(Mentions.keys("@one1 @two2 @three @four @five @six6 @seven")).hasSize(Mentions.MAX_NOTIFIED)
                .doesNotContain("six6", "seven");
    }
}
