package crux.core;

import java.util.Locale;

/**
 * What a notice or a moderation-log row is about: an article, an item (or one section of its page), a comment, or a
 * member.
 * Domain code names targets; the web side turns them into addresses ({@link Links}), so every URL is built in one
 * place and stored kinds are spelled one way.
 *
 * @param name    a member's name or an article's slug (their addresses carry them); null for other kinds
 * @param section the part of an item's page meant ("forecast"); null for the page itself
 */
public record Target(Kind kind, long id, String name, String section) {

    /** The kinds of target, stored by {@link #code()} in the moderation log. */
    public enum Kind {
        ARTICLE, ITEM, COMMENT, MEMBER;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Target article(long id, String slug) {
        return new Target(Kind.ARTICLE, id, slug, null);
    }

    public static Target item(long id) {
        return new Target(Kind.ITEM, id, null, null);
    }

    public static Target itemSection(long id, String section) {
        return new Target(Kind.ITEM, id, null, section);
    }

    public static Target comment(long id) {
        return new Target(Kind.COMMENT, id, null, null);
    }

    public static Target member(long id, String name) {
        return new Target(Kind.MEMBER, id, name, null);
    }
}
