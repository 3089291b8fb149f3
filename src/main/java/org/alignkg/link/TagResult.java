package org.alignkg.link;

import java.util.List;
import java.util.Objects;

/**
 * What the tagger found in one text: every mention, the concepts ranked by score, and the
 * limitations suggested through the concepts they concern. Offsets are UTF-16 positions in the
 * tagged text ({@code start} inclusive, {@code end} exclusive); {@link #codePointOffset} converts.
 */
public record TagResult(String text, List<Mention> mentions, List<ConceptScore> concepts,
                        List<LimitationSuggestion> limitations) {
    public TagResult {
        Objects.requireNonNull(text, "text");
        mentions = List.copyOf(mentions);
        concepts = List.copyOf(concepts);
        limitations = List.copyOf(limitations);
    }

    /** One occurrence of a concept label: the concept, the label it matched, where, and its sentence. */
    public record Mention(String concept, String label, int start, int end, String matched,
                          int sentenceStart, int sentenceEnd) {
        public Mention {
            Objects.requireNonNull(concept, "concept");
            if (start < 0 || end <= start) throw new IllegalArgumentException("bad offsets " + start + ".." + end);
        }
    }

    /** A text passage (a sentence) given as evidence. */
    public record Passage(int start, int end, String text) { }

    /** A concept of the text with its score in [0,1], its number of mentions and its best passages. */
    public record ConceptScore(String concept, String prefLabel, double score, int mentions, List<Passage> evidence) {
        public ConceptScore {
            evidence = List.copyOf(evidence);
        }
    }

    /** A limitation suggested for the text, its score in [0,1], the concepts it shares, and passages. */
    public record LimitationSuggestion(String limitation, int number, String label, double score,
                                       List<String> sharedConcepts, List<Passage> passages) {
        public LimitationSuggestion {
            sharedConcepts = List.copyOf(sharedConcepts);
            passages = List.copyOf(passages);
        }
    }

    /** The text's code point offset of a UTF-16 offset (Web Annotation selectors count code points). */
    public int codePointOffset(int utf16Offset) {
        return text.codePointCount(0, utf16Offset);
    }
}
