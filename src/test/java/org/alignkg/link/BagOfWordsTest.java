package org.alignkg.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class BagOfWordsTest {
    @Test
    void terms_are_stems_and_adjacent_pairs_with_stop_words_and_numbers_breaking_pairs() {
        assertThat(BagOfWords.terms("Training reward models of the 2 assistants"))
            .containsExactly("training", "training reward", "reward", "reward model", "model", "assistant");
        assertThat(BagOfWords.terms("AI-assisted evaluation")).containsExactly("ai", "ai assist", "assist", "assist evaluate", "evaluate");
    }

    @Test
    void vocabulary_keeps_terms_by_document_frequency_and_vectors_are_unit_length() {
        List<String> texts = List.of("reward model hacking", "reward model overoptimisation", "reward model and debate",
            "debate between experts", "interpretability of circuits");
        BagOfWords b = BagOfWords.of(texts, 2, 0.7);
        // "reward", "model", "reward model" are in 3 of 5 texts (at most 0.7 × 5), "debate" in 2; the rest in one
        assertThat(b.terms()).containsExactly("debate", "model", "reward", "reward model");
        assertThat(b.idf()[0]).isGreaterThan(b.idf()[1]);

        BagOfWords.Features f = b.features("Reward model debate, reward model.");
        assertThat(f.index()).containsExactly(0, 1, 2, 3);
        double norm = 0;
        for (float v : f.value()) norm += v * v;
        assertThat(norm).isCloseTo(1.0, within(1e-6));
        // the twice-seen terms weigh more than "debate" once, despite its higher IDF
        assertThat(f.value()[3]).isGreaterThan(f.value()[0]);
        assertThat(b.features("nothing known here").index()).isEmpty();
    }

    @Test
    void a_words_head_learns_what_the_terms_tell_apart() {
        BagOfWords b = new BagOfWords(List.of("debate", "reward"), new float[] { 1, 1 });
        List<BagOfWords.Features> x = List.of(b.features("debate"), b.features("reward"), b.features("debate debate"), b.features("reward reward"));
        List<int[]> y = List.of(new int[] { 0 }, new int[] { 1 }, new int[] { 0 }, new int[] { 1 });
        ConceptClassifier.Head h = ConceptClassifier.train(List.of("oversight", "learning-from-humans"), x, y, 2, 200, 4.0, 1e-5);
        assertThat(h.probabilities(b.features("a debate"))[0]).isGreaterThan(0.9);
        assertThat(h.probabilities(b.features("the reward"))[1]).isGreaterThan(0.9);
        assertThat(h.probabilities(b.features("neither"))[0]).isCloseTo(0.5, within(1e-6));
    }
}
