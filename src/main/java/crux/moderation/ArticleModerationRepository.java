package crux.moderation;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ARTICLE_REVISION;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import crux.accounts.Member;
import crux.article.Article;
import crux.article.ArticleMarkdown;
import crux.article.Slugs;
import crux.core.Conflict;
import crux.core.Target;
import crux.db.Database;
import crux.db.WriteBudget;
import crux.db.generated.tables.records.ArticleRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * Moderators publish articles (pasted as Markdown), edit them with every replaced version kept in public, and retire
 * or restore them. Items are never orphaned by an edit: a passage that moved is re-anchored where its exact words
 * now appear once, and an edit that would leave one without its words is refused, nothing stored.
 */
public final class ArticleModerationRepository {

    /** The details and text of an article as a moderator gives them; {@code markdown} null keeps a plain-text body. */
    public record Details(String title, String authors, String publisher, LocalDate publishedOn, String sourceUrl,
                          List<String> quoted, String markdown) {
        public Details {
            quoted = List.copyOf(quoted);
        }
    }

    /** An item an edit would leave without its passage, or whose speaker it would remove, and why. */
    public record Stranded(long itemId, String statement, String why) {
    }

    /**
     * An edit refused because of the items it would strand (a plain exception, not a {@link crux.core.Refusal}: the
     * form is shown again with the list, which a message alone cannot carry). Thrown inside the transaction, so
     * nothing of the edit is stored.
     */
    public static final class Strands extends RuntimeException {
        private final transient List<Stranded> items;

        Strands(List<Stranded> items) {
            super("The edit would strand " + items.size() + " item(s).", null, false, false);
            this.items = List.copyOf(items);
        }

        public List<Stranded> items() {
            return items;
        }
    }

    /** A version an edit replaced, as the public history shows it. */
    public record Revision(int revision, String title, String authors, String publisher, LocalDate publishedOn,
                           String sourceUrl, String body, List<String> quoted, OffsetDateTime editedAt,
                           String editor, String reason) {
    }

    private final Database db;
    private final ModerationLogRepository log;
    private final Clock clock;

    public ArticleModerationRepository(Database db, ModerationLogRepository log, Clock clock) {
        this.db = db;
        this.log = log;
        this.clock = clock;
    }

    /** Publishes a Markdown article at a slug made from its title (unique, never changed afterwards); returns it. */
    public String publish(WriteBudget budget, Member actor, Details d, String reason) {
        String body = ArticleMarkdown.layout(d.markdown()).body();
        return db.transaction(budget, t -> {
            DSLContext tx = t.dsl();
            // a racing publish of the same title fails on the slug's unique key and this transaction is retried
            String slug = Slugs.unique(Slugs.slug(d.title()), s -> tx.fetchExists(ARTICLE, ARTICLE.SLUG.eq(s)));
            OffsetDateTime now = OffsetDateTime.now(clock);
            long id = tx.insertInto(ARTICLE)
                    .set(ARTICLE.SLUG, slug).set(ARTICLE.TITLE, d.title()).set(ARTICLE.AUTHORS, d.authors())
                    .set(ARTICLE.PUBLISHER, d.publisher()).set(ARTICLE.PUBLISHED_ON, d.publishedOn())
                    .set(ARTICLE.SOURCE_URL, d.sourceUrl()).set(ARTICLE.FORMAT, Article.Format.MARKDOWN.code())
                    .set(ARTICLE.MARKDOWN, d.markdown()).set(ARTICLE.BODY, body)
                    .set(ARTICLE.QUOTED, String.join("\n", d.quoted())).set(ARTICLE.REVISION, 1)
                    .set(ARTICLE.CREATED_AT, now).set(ARTICLE.LAST_ACTIVITY_AT, now)
                    .returningResult(ARTICLE.ID).fetchOne().value1();
            log.record(tx, new ModerationLogRepository.Entry(actor.id(), "publish_article", Target.article(id, slug),
                    d.title(), reason));
            return slug;
        });
    }

    /**
     * Replaces the article's details and text, keeping the version it replaces. {@code basedOn} is the revision the
     * moderator edited: if another edit landed meanwhile, this one is refused rather than overwriting it. A plain-text
     * article keeps its body ({@code d.markdown()} is ignored for it). Returns how many passages were re-anchored.
     *
     * @throws Strands when an item's exact words would no longer be in the text (or found more than once elsewhere),
     *                 or its speaker would no longer be among the people quoted
     */
    public int edit(WriteBudget budget, Member actor, long articleId, int basedOn, Details d, String reason) {
        return db.transaction(budget, t -> {
            DSLContext tx = t.dsl();
            ArticleRecord old = tx.selectFrom(ARTICLE).where(ARTICLE.ID.eq(articleId)).forUpdate().fetchOne();
            if (old == null || old.getRevision() != basedOn) {
                throw new Conflict("Someone else edited this article while you were editing it. "
                        + "Reload the edit form to start from the current version.");
            }
            boolean markdown = Article.Format.MARKDOWN.code().equals(old.getFormat());
            String body = markdown ? ArticleMarkdown.layout(d.markdown()).body() : old.getBody();
            List<Stranded> stranded = new ArrayList<>();
            Map<Long, Integer> moves = new TreeMap<>();
            List<long[]> starts = new ArrayList<>();
            tx.select(ITEM.ID, ITEM.STATEMENT, ITEM.QUOTE, ITEM.QUOTE_START, ITEM.ASSERTED_BY).from(ITEM)
                    .where(ITEM.ARTICLE_ID.eq(articleId)).orderBy(ITEM.POSITION, ITEM.ID).forEach(r -> {
                        long id = r.value1();
                        if (!d.quoted().contains(r.value5())) {
                            stranded.add(new Stranded(id, r.value2(), "it is asserted by " + r.value5()
                                    + ", who would no longer be among the people quoted"));
                        }
                        int start = r.value4();
                        if (!body.startsWith(r.value3(), start)) {
                            List<Integer> at = ItemModerationRepository.occurrences(body, r.value3());
                            if (at.size() == 1) {
                                start = at.get(0);
                                moves.put(id, start);
                            } else {
                                stranded.add(new Stranded(id, r.value2(), at.isEmpty()
                                        ? "its exact words would no longer be in the text"
                                        : "its exact words would appear " + at.size() + " times, none where it is"));
                            }
                        }
                        starts.add(new long[] {id, start});
                    });
            if (!stranded.isEmpty()) {
                throw new Strands(stranded);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            tx.insertInto(ARTICLE_REVISION).set(ARTICLE_REVISION.ARTICLE_ID, articleId)
                    .set(ARTICLE_REVISION.REVISION, old.getRevision()).set(ARTICLE_REVISION.TITLE, old.getTitle())
                    .set(ARTICLE_REVISION.AUTHORS, old.getAuthors()).set(ARTICLE_REVISION.PUBLISHER, old.getPublisher())
                    .set(ARTICLE_REVISION.PUBLISHED_ON, old.getPublishedOn())
                    .set(ARTICLE_REVISION.SOURCE_URL, old.getSourceUrl())
                    .set(ARTICLE_REVISION.MARKDOWN, old.getMarkdown()).set(ARTICLE_REVISION.BODY, old.getBody())
                    .set(ARTICLE_REVISION.QUOTED, old.getQuoted()).set(ARTICLE_REVISION.EDITED_AT, now)
                    .set(ARTICLE_REVISION.EDITOR_ID, actor.id()).set(ARTICLE_REVISION.REASON, reason).execute();
            int changed = tx.update(ARTICLE).set(ARTICLE.TITLE, d.title()).set(ARTICLE.AUTHORS, d.authors())
                    .set(ARTICLE.PUBLISHER, d.publisher()).set(ARTICLE.PUBLISHED_ON, d.publishedOn())
                    .set(ARTICLE.SOURCE_URL, d.sourceUrl())
                    .set(ARTICLE.MARKDOWN, markdown ? d.markdown() : old.getMarkdown()).set(ARTICLE.BODY, body)
                    .set(ARTICLE.QUOTED, String.join("\n", d.quoted())).set(ARTICLE.REVISION, basedOn + 1)
                    .where(ARTICLE.ID.eq(articleId)).and(ARTICLE.REVISION.eq(basedOn)).execute();
            if (changed == 0) {
                throw new Conflict("Someone else edited this article while you were editing it. "
                        + "Reload the edit form to start from the current version.");
            }
            for (Map.Entry<Long, Integer> m : moves.entrySet()) {
                tx.update(ITEM).set(ITEM.QUOTE_START, m.getValue()).where(ITEM.ID.eq(m.getKey())).execute();
            }
            if (!moves.isEmpty()) {
                // the index lists items in order of appearance: a passage that moved may now come earlier or later
                starts.sort(Comparator.<long[]>comparingLong(s -> s[1]).thenComparingLong(s -> s[0]));
                for (int i = 0; i < starts.size(); i++) {
                    tx.update(ITEM).set(ITEM.POSITION, i + 1).where(ITEM.ID.eq(starts.get(i)[0])).execute();
                }
            }
            String logged = moves.isEmpty() ? reason
                    : reason + " (passages re-anchored: " + moves.size() + " item(s), items "
                    + String.join(", ", moves.keySet().stream().map(id -> "#" + id).toList()) + ")";
            log.record(tx, new ModerationLogRepository.Entry(actor.id(), "edit_article",
                    Target.article(articleId, old.getSlug()), d.title(),
                    logged.length() > ModerationLogRepository.MAX_REASON
                            ? logged.substring(0, ModerationLogRepository.MAX_REASON) : logged));
            return moves.size();
        });
    }

    public void retire(WriteBudget budget, Member actor, Article article, String reason) {
        db.run(budget, tx -> {
            int changed = tx.update(ARTICLE).set(ARTICLE.RETIRED_AT, OffsetDateTime.now(clock))
                    .set(ARTICLE.RETIRE_REASON, reason)
                    .where(ARTICLE.ID.eq(article.id())).and(ARTICLE.RETIRED_AT.isNull()).execute();
            if (changed == 0) {
                throw new Conflict("This article has already been retired.");
            }
            log.record(tx, new ModerationLogRepository.Entry(actor.id(), "retire_article",
                    Target.article(article.id(), article.slug()), article.title(), reason));
        });
    }

    public void restore(WriteBudget budget, Member actor, Article article, String reason) {
        db.run(budget, tx -> {
            int changed = tx.update(ARTICLE).setNull(ARTICLE.RETIRED_AT).setNull(ARTICLE.RETIRE_REASON)
                    .where(ARTICLE.ID.eq(article.id())).and(ARTICLE.RETIRED_AT.isNotNull()).execute();
            if (changed == 0) {
                throw new Conflict("This article is not retired.");
            }
            log.record(tx, new ModerationLogRepository.Entry(actor.id(), "restore_article",
                    Target.article(article.id(), article.slug()), article.title(), reason));
        });
    }

    /** Every version an edit replaced, newest first: one query. */
    public List<Revision> history(long articleId) {
        return db.dsl().select(ARTICLE_REVISION.REVISION, ARTICLE_REVISION.TITLE, ARTICLE_REVISION.AUTHORS,
                        ARTICLE_REVISION.PUBLISHER, ARTICLE_REVISION.PUBLISHED_ON, ARTICLE_REVISION.SOURCE_URL,
                        ARTICLE_REVISION.BODY, ARTICLE_REVISION.QUOTED, ARTICLE_REVISION.EDITED_AT, MEMBER.NAME,
                        MEMBER.DELETED_AT, ARTICLE_REVISION.REASON)
                .from(ARTICLE_REVISION).leftJoin(MEMBER).on(MEMBER.ID.eq(ARTICLE_REVISION.EDITOR_ID))
                .where(ARTICLE_REVISION.ARTICLE_ID.eq(articleId))
                .orderBy(ARTICLE_REVISION.REVISION.desc())
                .fetch(r -> new Revision(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), crux.article.ArticleRepository.quotedList(r.value8()), r.value9(),
                        r.value10() == null ? "the operator" : r.value11() != null ? "[deleted member]" : r.value10(),
                        r.value12()));
    }
}
