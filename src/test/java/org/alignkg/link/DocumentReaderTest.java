package org.alignkg.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentReaderTest {
    @Test
    void json_lines_with_bad_records_reports_each_with_its_line() {
        String jsonl = """
            {"title":"A","authors":["Ann One","Bob Two"],"date":"2023-07","url":"https://e.org/a","text":"RLHF works."}
            not json
            {"authors":["X"],"url":"https://e.org/b","text":"t"}
            {"title":"C","url":"e.org/c","abstract":"t"}

            {"title":"D","url":"https://e.org/d","abstract":"Sycophancy."}
            [1,2]
            """;
        DocumentReader.Batch b = DocumentReader.jsonLines(jsonl, "in.jsonl");
        assertThat(b.documents()).extracting(DocumentInput::title).containsExactly("A", "D");
        assertThat(b.documents().get(0).authors()).containsExactly("Ann One", "Bob Two");
        assertThat(b.documents().get(1).abstractText()).isEqualTo("Sycophancy.");
        assertThat(b.errors()).extracting(Throwable::getMessage).containsExactly(
            "in.jsonl:2: not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "in.jsonl:3: no title",
            "in.jsonl:4: URL 'e.org/c' is not an absolute http(s) URL",
            "in.jsonl:7: not a JSON object");
    }

    @Test
    void bibtex_as_zotero_exports_it() {
        String bib = """
            @article{burns_weak--strong_2023,
            \ttitle = {Weak-to-{Strong} {Generalization}: {Eliciting} {Strong} {Capabilities} {With} {Weak} {Supervision}},
            \turl = {http://arxiv.org/abs/2312.09390},
            \tabstract = {Widely used alignment techniques, such as reinforcement learning from human feedback ({RLHF}), rely on humans.},
            \tauthor = {Burns, Collin and Izmailov, Pavel and Kirchner, Jan Hendrik},
            \tyear = {2023},
            }

            @misc{broken_2022,
            \ttitle = {Broken
            \turl = {https://e.org/x},

            @inproceedings{godel_2021,
            \ttitle = {G{\\"o}del and {Debate}},
            \tdoi = {10.1000/xyz},
            \tabstract = {AI safety via debate.},
            \tauthor = {G{\\"o}del, Kurt},
            \tdate = {2021-05-02},
            }
            """;
        DocumentReader.Batch b = DocumentReader.bibtex(bib, "lib.bib");
        assertThat(b.documents()).hasSize(2);
        DocumentInput w = b.documents().get(0);
        assertThat(w.title()).isEqualTo("Weak-to-Strong Generalization: Eliciting Strong Capabilities With Weak Supervision");
        assertThat(w.authors()).containsExactly("Collin Burns", "Pavel Izmailov", "Jan Hendrik Kirchner");
        assertThat(w.date()).isEqualTo("2023");
        assertThat(w.text()).contains("(RLHF)");
        DocumentInput g = b.documents().get(1);
        assertThat(g.title()).isEqualTo("Gödel and Debate");
        assertThat(g.url()).isEqualTo("https://doi.org/10.1000/xyz");
        assertThat(g.authors()).containsExactly("Kurt Gödel");
        assertThat(b.errors()).singleElement().satisfies(e ->
            assertThat(e.getMessage()).startsWith("lib.bib:9: BibTeX record 2: does not parse"));
    }
}
