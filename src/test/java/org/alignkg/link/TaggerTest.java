package org.alignkg.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.alignkg.link.TagResult.Mention;
import org.junit.jupiter.api.Test;

class TaggerTest {
    static final String C = "https://w3id.org/alignkg/concept/";
    final Tagger tagger = Schemes.tagger();

    @Test
    void scheme_has_concepts_and_five_limitations() {
        assertThat(Schemes.shipped().concepts()).hasSizeGreaterThan(30);
        assertThat(Schemes.shipped().limitations()).hasSize(5);
        assertThat(Schemes.shipped().limitations().get("https://w3id.org/alignkg/limitation/1").concerns())
            .containsKeys(C + "robustness", C + "interpretability");
    }

    @Test
    void mention_records_offsets_and_the_matched_text() {
        String text = "We study reward hacking in agents.";
        List<Mention> ms = tagger.mentions(text);
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.concept()).isEqualTo(C + "reward-hacking");
            assertThat(m.start()).isEqualTo(9);
            assertThat(m.end()).isEqualTo(23);
            assertThat(m.matched()).isEqualTo("reward hacking");
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.matched());
        });
    }

    @Test
    void multi_word_phrase_wins_over_its_shorter_prefix() {
        List<Mention> ms = tagger.mentions("Progress in mechanistic interpretability research is fast.");
        assertThat(ms).extracting(Mention::concept).containsExactly(C + "mechanistic-interpretability");
        assertThat(ms.get(0).matched()).isEqualTo("mechanistic interpretability research");
    }

    @Test
    void phrases_never_match_across_a_sentence_boundary() {
        assertThat(tagger.mentions("We measured the reward. Hacking was rare.")).isEmpty();
        assertThat(tagger.mentions("We measured the reward\n\nhacking section")).isEmpty();
        assertThat(tagger.mentions("We measured the reward hacking rate.")).extracting(Mention::concept)
            .containsExactly(C + "reward-hacking");
    }

    @Test
    void stemming_matches_inflected_forms_and_hyphenation() {
        assertThat(tagger.mentions("Two reward models were trained.")).extracting(Mention::concept)
            .containsExactly(C + "reward-modelling");
        assertThat(tagger.mentions("AI assisted evaluations of summaries.")).extracting(Mention::concept)
            .containsExactly(C + "ai-assisted-evaluation");
        assertThat(tagger.mentions("Models that are deceptively aligned.")).extracting(Mention::concept)
            .containsExactly(C + "deceptive-alignment");
    }

    @Test
    void acronyms_match_only_in_capitals() {
        assertThat(tagger.mentions("We fine-tune with RLHF.")).extracting(Mention::concept).containsExactly(C + "rlhf");
        assertThat(tagger.mentions("An elk walked by.")).isEmpty();
        assertThat(tagger.mentions("ELK asks how to elicit what a model knows.")).extracting(Mention::concept)
            .containsExactly(C + "eliciting-latent-knowledge");
    }

    @Test
    void general_is_not_confused_with_generation() {
        assertThat(tagger.mentions("Next-generation AI systems are coming.")).isEmpty();
    }

    @Test
    void offsets_count_utf16_and_code_points_separately() {
        String text = "\uD835\uDC00 Sycophancy is common.";
        TagResult r = tagger.tag(text);
        Mention m = r.mentions().get(0);
        assertThat(m.start()).isEqualTo(3);
        assertThat(r.codePointOffset(m.start())).isEqualTo(2);
    }

    @Test
    void suggests_limitation_2_for_a_text_about_assisted_evaluation() {
        TagResult r = tagger.tag("""
            We train models to write critiques that help human evaluators find flaws. This kind of \
            AI-assisted evaluation could amplify the biases of the assistant. Evaluator bias and rater bias \
            are measured.""");
        assertThat(r.limitations()).isNotEmpty();
        assertThat(r.limitations().get(0).number()).isEqualTo(2);
        assertThat(r.limitations().get(0).passages()).isNotEmpty();
        assertThat(r.concepts().get(0).score()).isBetween(0.0, 1.0);
    }

    @Test
    void narrower_concepts_count_for_their_broader_ones() {
        TagResult r = tagger.tag("Mechanistic interpretability and adversarial training both matter. "
            + "Circuit analysis of transformers. Red teaming of chat models.");
        assertThat(r.limitations()).extracting(TagResult.LimitationSuggestion::number).contains(1);
    }
}
