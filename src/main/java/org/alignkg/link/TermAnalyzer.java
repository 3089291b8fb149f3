package org.alignkg.link;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * The tagger's analysis chain, used for labels and texts alike: runs of letters and digits are
 * tokens (so "AI-assisted" and "AI assisted" both give {@code ai assist}), lower-cased, then
 * stemmed with KStem. KStem is dictionary-based and milder than Porter: it maps "models" to
 * "model" and "evaluations" to "evaluation" but keeps "general" and "generation" apart, which
 * keeps "general AI" from matching "next-generation AI". Offsets are UTF-16 positions in the
 * analysed text.
 */
public final class TermAnalyzer extends Analyzer {
    private static final TermAnalyzer SHARED = new TermAnalyzer();
    private static final org.apache.lucene.analysis.CharArraySet STOP = org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    /**
     * The stems of a text in order, each English stop word (Lucene's list), number and one-letter
     * token as null: the words head's input ({@link BagOfWords}), which needs to know where a
     * stop word broke a phrase.
     */
    static java.util.List<String> stemsOrNull(String text) {
        java.util.List<String> stems = new java.util.ArrayList<>();
        try (TokenStream ts = SHARED.tokenStream("", text)) {
            org.apache.lucene.analysis.tokenattributes.CharTermAttribute term =
                ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String s = term.toString();
                stems.add(s.length() < 2 || STOP.contains(s) || s.chars().allMatch(Character::isDigit) ? null : s);
            }
            ts.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return stems;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new CharTokenizer() {
            @Override
            protected boolean isTokenChar(int c) {
                return Character.isLetterOrDigit(c);
            }
        };
        TokenStream ts = new LowerCaseFilter(source);
        ts = new KStemFilter(ts);
        return new TokenStreamComponents(source, ts);
    }
}
