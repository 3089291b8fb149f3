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
