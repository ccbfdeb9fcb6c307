package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingTest {

    private static final double Z2 = 1.281551565545 * 1.281551565545; // 1.6423744151508…

    @Test
    void bestWithNoVotesIsZero() {
        assertThat(Ranking.best(0, 0)).isZero();
    }

    @Test
    void bestForFiveUpNoneDown() {
        // p = 1, so the square root is z/2n and cancels the z²/2n term: the bound is 1 / (1 + z²/n) = n / (n + z²)
        assertThat(Ranking.best(5, 0)).isCloseTo(5 / (5 + Z2), within(1e-12));
        assertThat(Ranking.best(5, 0)).isCloseTo(0.752743, within(1e-6));
    }

    @Test
    void bestForTenUpTenDown() {
        // n = 20, p = 0.5: (0.5 + z²/40 − z·√(0.25/20 + z²/1600)) / (1 + z²/20)
        double z = 1.281551565545;
        double expected = (0.5 + Z2 / 40 - z * Math.sqrt(0.0125 + Z2 / 1600)) / (1 + Z2 / 20);
        assertThat(Ranking.best(10, 10)).isCloseTo(expected, within(1e-12));
        assertThat(Ranking.best(10, 10)).isCloseTo(0.362262, within(1e-6));
    }

    @Test
    void bestForNoneUpFiveDownIsZero() {
        // p = 0: z²/2n − z·(z/2n) = 0 on paper; never negative in floating point
        assertThat(Ranking.best(0, 5)).isZero();
    }

    @Test
    void bestPrefersManyVotesToAFewLuckyOnes() {
        assertThat(Ranking.best(1, 0)).isCloseTo(0.378448, within(1e-6));
        assertThat(Ranking.best(20, 2)).isGreaterThan(Ranking.best(2, 0));
        assertThat(Ranking.best(100, 0)).isGreaterThan(Ranking.best(5, 0)).isLessThan(1);
    }

    @Test
    void topIsUpsMinusDowns() {
        assertThat(Ranking.top(5, 0)).isEqualTo(5);
        assertThat(Ranking.top(10, 10)).isZero();
        assertThat(Ranking.top(0, 5)).isEqualTo(-5);
        assertThat(Ranking.top(0, Integer.MAX_VALUE)).isEqualTo(-(long) Integer.MAX_VALUE);
    }

    @Test
    void controversialRewardsManyEvenlySplitVotes() {
        assertThat(Ranking.controversial(10, 10)).isCloseTo(20, within(1e-12)); // 20^(10/10)
        assertThat(Ranking.controversial(10, 5)).isCloseTo(Math.sqrt(15), within(1e-12)); // 15^(5/10)
        assertThat(Ranking.controversial(5, 10)).isEqualTo(Ranking.controversial(10, 5));
        assertThat(Ranking.controversial(1, 100)).isCloseTo(1.047233, within(1e-6)); // 101^(1/100)
    }

    @Test
    void aOneSidedCommentIsNotControversial() {
        assertThat(Ranking.controversial(0, 0)).isZero();
        assertThat(Ranking.controversial(50, 0)).isZero();
        assertThat(Ranking.controversial(0, 50)).isZero();
    }

    @Test
    void negativeCountsAreABug() {
        assertThatThrownBy(() -> Ranking.best(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vote counts cannot be negative: -1 up, 0 down");
        assertThatThrownBy(() -> Ranking.top(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vote counts cannot be negative: 0 up, -1 down");
        assertThatThrownBy(() -> Ranking.controversial(-1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vote counts cannot be negative: -1 up, -1 down");
    }
}
