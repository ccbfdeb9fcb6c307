package crux.debate;

import static crux.db.generated.Sequences.COMMENT_ID_SEQ;
import static crux.db.generated.Tables.COMMENT;

import crux.db.generated.tables.records.CommentRecord;
import crux.markdown.Markdown;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * Puts comments straight into the database for tests that need many (thousands in a second): ids from the same
 * sequence the application uses, paths from {@link ThreadPath}, counters as the application would keep them.
 */
public final class DebateSeed {

    private DebateSeed() {
    }

    /**
     * {@code count} comments on {@code itemId}: every {@code repliesPerArgument + 1}-th is a new argument (sides in
     * turn), the others reply to a random earlier comment of the current argument, going no deeper than
     * {@link ThreadTree#MAX_DEPTH}. Authors rotate through {@code authorIds}. Returns the ids in insertion order.
     */
    public static List<Long> seed(DSLContext dsl, long itemId, List<Long> authorIds, int count, int repliesPerArgument,
                                  long randomSeed) {
        Random random = new Random(randomSeed);
        List<Long> ids = dsl.select(COMMENT_ID_SEQ.nextval()).from(org.jooq.impl.DSL.generateSeries(1, count))
                .fetch(r -> r.value1()).stream().sorted().toList();
        List<CommentRecord> records = new ArrayList<>(count);
        List<CommentRecord> currentThread = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.of(2025, 3, 26, 9, 0, 0, 0, ZoneOffset.UTC);
        Side[] sides = Side.values();
        int arguments = 0;
        for (int i = 0; i < count; i++) {
            long id = ids.get(i);
            CommentRecord r = dsl.newRecord(COMMENT);
            r.setId(id);
            r.setItemId(itemId);
            r.setAuthorId(authorIds.get(i % authorIds.size()));
            r.setCreatedAt(start.plusSeconds(i * 37L));
            r.setPostKey("seed-" + id);
            String body = "Seeded comment number " + i + " with a *little* Markdown.";
            r.setBodySource(body);
            r.setBodyHtml(Markdown.render(body));
            r.setUps(random.nextInt(12));
            r.setDowns(random.nextInt(6));
            r.setReplyCount(0);
            if (i % (repliesPerArgument + 1) == 0) {
                r.setPath(ThreadPath.child(null, id));
                r.setDepth(1);
                r.setSide(sides[arguments++ % sides.length].code());
                currentThread.clear();
            } else {
                List<CommentRecord> open = currentThread.stream().filter(c -> c.getDepth() < ThreadTree.MAX_DEPTH).toList();
                CommentRecord parent = open.get(random.nextInt(open.size()));
                r.setParentId(parent.getId());
                r.setRepliedToId(parent.getId());
                r.setPath(ThreadPath.child(parent.getPath(), id));
                r.setDepth(parent.getDepth() + 1);
                for (CommentRecord c : currentThread) {
                    if (r.getPath().startsWith(c.getPath() + ".")) {
                        c.setReplyCount(c.getReplyCount() + 1);
                    }
                }
            }
            currentThread.add(r);
            records.add(r);
        }
        dsl.batchInsert(records).execute();
        return ids;
    }
}
