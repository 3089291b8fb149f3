package org.alignkg.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.alignkg.TestData;
import org.alignkg.link.TagResult.ConceptScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The linker on real abstracts that are not in the project's corpus (src/test/resources/fixtures/
 * abstracts, copied from their public pages): it proposes what a researcher would, with the
 * passages that show it, and the methods that found each concept.
 */
class LinkerIT {
    static final String C = "https://w3id.org/alignkg/concept/";
    static Linker linker;

    @BeforeAll
    static void build() {
        linker = Training.linker(Training.readData(TestData.DATA));
    }

    static TagResult tag(String fixture) throws Exception {
        return linker.tag(text(fixture));
    }

    static String text(String fixture) throws Exception {
        String file = Files.readString(TestData.FIXTURES.resolve("abstracts/" + fixture + ".txt"));
        // the header lines start with "# " (the first is the title); the abstract follows the blank line.
        // Linked as the import links a record: its title, a blank line, its abstract.
        String title = file.lines().findFirst().orElseThrow().replaceFirst("^#\\s*(title:\\s*)?", "");
        String text = file.substring(file.indexOf("\n\n") + 2).strip();
        return title + "\n\n" + text;
    }

    static List<String> concepts(TagResult r) {
        return r.concepts().stream().map(c -> c.concept().substring(C.length())).toList();
    }

    static ConceptScore concept(TagResult r, String local) {
        return r.concepts().stream().filter(c -> c.concept().equals(C + local)).findFirst().orElseThrow();
    }

    @Test
    void a_family_offset_moves_that_family_only() throws Exception {
        Linker.Analysis a = linker.analyse(text("michael-2023-debate-helps-supervise-unreliable-experts"));
        Linker.Thresholds t = linker.thresholds();
        java.util.List<String> before = linker.decide(a, t).families().stream().map(TagResult.FamilyScore::family).toList();
        String machineEthics = C + "machine-ethics";
        assertThat(before).contains(C + "scalable-oversight").doesNotContain(machineEthics);
        // an offset of -1 puts any trained family's probability above every threshold; the others stay as they were
        java.util.Map<String, Double> offsets = new java.util.HashMap<>(t.familyOffsets() == null ? java.util.Map.of() : t.familyOffsets());
        offsets.put(machineEthics, -1.0);
        java.util.List<String> after = linker.decide(a, t.withOffsets(offsets)).families().stream().map(TagResult.FamilyScore::family).toList();
        assertThat(after).contains(machineEthics);
        assertThat(after.stream().filter(f -> !f.equals(machineEthics)).toList()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void the_words_head_reads_the_document_head_only() throws Exception {
        String abstractText = text("michael-2023-debate-helps-supervise-unreliable-experts");
        // a related-work section after the head names neighbouring topics: it changes neither the
        // document vector nor the words, so the families' probabilities stay as they were
        StringBuilder longText = new StringBuilder(abstractText);
        while (Sentences.passages(longText.toString()).size() <= Linker.DOC_SENTENCES)
            longText.append("\n\nThis paragraph only pads the document so that it runs past its head.");
        String padded = longText.toString();
        String withRelatedWork = padded + "\n\nRelated work. Mechanistic interpretability of superposition, jailbreaks, "
            + "adversarial robustness, AI governance and compute forecasting are studied elsewhere.";
        assertThat(Linker.head(withRelatedWork)).isEqualTo(Linker.head(padded)).doesNotContain("Related work");
        var before = linker.analyse(padded).familyP();
        var after = linker.analyse(withRelatedWork).familyP();
        assertThat(after).isEqualTo(before);
        // the same sentence inside the head does move them (so the equality above says something)
        var early = linker.analyse("Mechanistic interpretability of superposition, jailbreaks and adversarial robustness.\n\n" + padded).familyP();
        assertThat(early).isNotEqualTo(before);
    }

    @Test
    void the_debate_paper_gets_debate_and_scalable_oversight_from_a_paraphrase() throws Exception {
        TagResult r = tag("michael-2023-debate-helps-supervise-unreliable-experts");
        assertThat(r.families()).extracting(TagResult.FamilyScore::family).first().isEqualTo(C + "scalable-oversight");
        assertThat(concepts(r)).contains("debate", "scalable-oversight");
        ConceptScore debate = concept(r, "debate");
        // its preferred and alternative labels ("AI safety via debate", "debate protocol") do not occur
        assertThat(r.text()).doesNotContainIgnoringCase("via debate").doesNotContainIgnoringCase("debate protocol");
        assertThat(debate.methods()).containsKeys("similarity", "lexical");
        // offsets are the truth; a shown passage is cut at 320 characters with an ellipsis
        assertThat(debate.evidence()).isNotEmpty().allSatisfy(p ->
            assertThat(r.text().substring(p.start(), p.end()).replaceAll("\\s+", " ")).startsWith(p.text().replace("…", "")));
        assertThat(debate.evidence().get(0).text()).containsIgnoringCase("debate");
    }

    @Test
    void the_latent_knowledge_paper_gets_eliciting_latent_knowledge_and_honesty() throws Exception {
        TagResult r = tag("burns-2022-discovering-latent-knowledge");
        assertThat(concepts(r)).contains("eliciting-latent-knowledge", "honesty");
        assertThat(concept(r, "eliciting-latent-knowledge").evidence().get(0).text()).containsIgnoringCase("latent knowledge");
    }

    @Test
    void jailbreak_papers_get_robustness_and_jailbreaking() throws Exception {
        for (String f : List.of("hu-2024-gradient-cuff", "2024-universal-adversarial-triggers-are-not-universal")) {
            TagResult r = tag(f);
            assertThat(r.families()).extracting(TagResult.FamilyScore::family).as(f).contains(C + "robustness");
            assertThat(concepts(r)).as(f).contains("jailbreaking");
        }
    }

    @Test
    void the_superposition_paper_gets_interpretability_and_superposition() throws Exception {
        TagResult r = tag("elhage-2022-toy-models-of-superposition");
        assertThat(r.families()).extracting(TagResult.FamilyScore::family).contains(C + "interpretability");
        assertThat(concepts(r)).contains("superposition", "mechanistic-interpretability");
    }

    @Test
    void only_topical_concepts_are_proposed_never_document_types_or_hedges() throws Exception {
        TagResult r = linker.tag("This paper is a report. It might be likely that the preprint is a blog post.");
        assertThat(r.concepts()).isEmpty();
        assertThat(r.mentions()).isEmpty();
    }

    @Test
    void every_proposed_concept_names_its_family_and_methods() throws Exception {
        TagResult r = tag("elhage-2022-toy-models-of-superposition");
        for (ConceptScore c : r.concepts()) {
            assertThat(c.family()).isNotNull();
            assertThat(linker.scheme().concepts().get(c.concept()).family()).isEqualTo(c.family());
            assertThat(c.methods()).isNotEmpty();
            assertThat(c.score()).isBetween(0.0, 1.0);
        }
    }
}
