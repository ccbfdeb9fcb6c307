package crux.search;

import java.time.OffsetDateTime;

/**
 * One thing a search found, with what its result line shows. Plain text only: the snippet is cut from {@code text}
 * and escaped when shown, never taken from stored HTML.
 *
 * @param id        the item's, comment's or member's id
 * @param title     an item's statement, a member's name; null for an argument
 * @param text      the text searched besides the title: an item's resolution criteria and passage, a comment's words
 * @param itemId    the item (of an item or argument); null for a member
 * @param itemTitle the statement of the item an argument is on
 * @param author    an argument's author
 * @param reply     an argument that answers another
 * @param state     null when everyone may see it; otherwise what keeps it from them ("hidden", "pending review",
 *                  "removed", "retired"), shown to moderators
 */
public record SearchHit(SearchKind kind, long id, String title, String text, Long itemId, String itemTitle,
                        String articleSlug, String articleTitle, String author, boolean reply, OffsetDateTime createdAt,
                        String state) {
}
