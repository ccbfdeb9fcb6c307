package crux.article;

import java.time.LocalDate;

/** The article, stored whole. */
public record Article(long id, String title, String publisher, LocalDate publishedOn, String body) {
}
