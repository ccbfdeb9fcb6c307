package crux.debate;

import java.time.Instant;

/** A comment row as the repository's view record would look, for the ranking and thread tests. */
record TestComment(long id, Long parentId, boolean pinned, Instant createdAt, int ups, int downs, int membersMoved,
        double forecastMovement) implements ThreadTree.Row {

    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    /** A top-level argument posted {@code id} minutes after the epoch, with these votes. */
    static TestComment argument(long id, int ups, int downs) {
        return new TestComment(id, null, false, EPOCH.plusSeconds(60 * id), ups, downs, 0, 0);
    }

    static TestComment reply(long id, long parentId) {
        return new TestComment(id, parentId, false, EPOCH.plusSeconds(60 * id), 0, 0, 0, 0);
    }

    TestComment votes(int newUps, int newDowns) {
        return new TestComment(id, parentId, pinned, createdAt, newUps, newDowns, membersMoved, forecastMovement);
    }

    TestComment pin() {
        return new TestComment(id, parentId, true, createdAt, ups, downs, membersMoved, forecastMovement);
    }

    TestComment at(Instant time) {
        return new TestComment(id, parentId, pinned, time, ups, downs, membersMoved, forecastMovement);
    }

    TestComment moved(int members, double points) {
        return new TestComment(id, parentId, pinned, createdAt, ups, downs, members, points);
    }
}
