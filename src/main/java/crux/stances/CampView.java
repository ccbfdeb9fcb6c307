package crux.stances;

import java.util.List;

/**
 * Agreement per camp on one item (or, empty, the reason there are no camps yet).
 *
 * @param rows    one per camp, largest first; empty when there is not enough data for camps
 * @param article the slug of the article whose camps these are (its common ground is one link away); null when empty
 * @param marker  whether the item divides or unites the camps, as the camp job last found
 */
public record CampView(List<Row> rows, String article, OpinionMap.Marker marker) {

    /** No camps (not enough data yet, or not shown to this viewer yet). */
    public static CampView none() {
        return new CampView(List.of(), null, OpinionMap.Marker.NONE);
    }

    /** A camp's agreement with the item: {@code agreeing} of its {@code voting} members who voted on it. */
    public record Row(CampRepository.CampInfo camp, int agreeing, int voting) {
        public int agreePercent() {
            return voting == 0 ? 0 : Math.round(100f * agreeing / voting);
        }
    }

    public boolean available() {
        return !rows.isEmpty();
    }

    public int minMembers() {
        return Camps.MIN_MEMBERS;
    }

    public int minVotes() {
        return Camps.MIN_VOTES;
    }
}
