package crux.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How text is cut into words for searching, shared by the Lucene index and by the snippets of both engines: English
 * stemming and stop words for items and arguments (as PostgreSQL's 'english' configuration), plain lower-case words for
 * names (as its 'simple' one). Text is first reduced to its letters and digits, exactly as {@link SearchQuery} reads
 * a query, so a word is the same word on both sides.
 */
public final class Words {

    /** The Snowball project's English stop words, as Lucene ships them (PostgreSQL's english.stop is the same list). */
    static final CharArraySet STOP_WORDS = snowballStopWords();

    /**
     * English words as PostgreSQL's 'english' configuration reads them: the Snowball stop words dropped (keeping their
     * positions, so phrases skip them alike), then the Snowball English stemmer. Thread-safe, like every Lucene
     * analyzer.
     */
    public static final Analyzer ENGLISH = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream words = new StopFilter(new LowerCaseFilter(source), STOP_WORDS);
            return new TokenStreamComponents(source, new SnowballFilter(words, new EnglishStemmer()));
        }
    };

    /** Names: lower-cased words, nothing dropped. */
    public static final Analyzer SIMPLE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
    };

    private Words() {
    }

    private static CharArraySet snowballStopWords() {
        try (var reader = IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)) {
            return CharArraySet.unmodifiableSet(WordlistLoader.getSnowballWordSet(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text's letters and digits, everything else a single space. */
    public static String plain(String text) {
        return text == null ? "" : String.join(" ", SearchQuery.words(text));
    }

    /** The English stem of one word; null for a stop word. */
    public static String stem(String word) {
        try (TokenStream ts = ENGLISH.tokenStream("", word.toLowerCase(Locale.ROOT))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            String stem = ts.incrementToken() ? term.toString() : null;
            ts.end();
            return stem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which words of a text a query matched: by stem in English text, as typed in names. */
    public record Matcher(Set<String> stems, Set<String> exact) {

        public static Matcher of(SearchQuery query) {
            Set<String> stems = new HashSet<>();
            for (String w : query.markedWords()) {
                String s = stem(w);
                if (s != null) {
                    stems.add(s);
                }
            }
            return new Matcher(stems, Set.copyOf(query.markedWords()));
        }

        /**
         * Stemming every word of every snippet would cost more than the search: a stem begins as its word does (in
         * its first two letters, through every rule of the English stemmer), so only words that begin as a query
         * stem does are stemmed.
         */
        public boolean english(String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            boolean candidate = false;
            for (String s : stems) {
                if (lower.startsWith(s.length() < 2 ? s : s.substring(0, 2))) {
                    candidate = true;
                    break;
                }
            }
            if (!candidate) {
                return false;
            }
            String s = stem(lower);
            return s != null && stems.contains(s);
        }

        public boolean name(String word) {
            return exact.contains(word.toLowerCase(Locale.ROOT));
        }
    }

    static List<String> of(String text) {
        return SearchQuery.words(text);
    }
}
