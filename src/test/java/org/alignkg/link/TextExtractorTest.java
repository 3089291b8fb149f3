package org.alignkg.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.alignkg.InvalidInputException;
import org.alignkg.link.TextExtractor.Format;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

class TextExtractorTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pdf(String line) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            if (line != null) {
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(line);
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void markdown_headings_do_not_run_into_paragraphs() {
        String t = TextExtractor.extract(utf8("# Reward\n\nhacking is *common* in [RL](http://x)."), Format.MARKDOWN, "a.md");
        assertThat(t).isEqualTo("Reward\n\nhacking is common in RL.");
        assertThat(Schemes.tagger().mentions(t)).isEmpty();
    }

    @Test
    void html_drops_scripts_and_separates_blocks() {
        String t = TextExtractor.extract(utf8("<html><head><title>T</title><script>var reward_hacking;</script></head>"
            + "<body><h1>Sycophancy</h1><p>Models show <b>reward hacking</b>.</p></body></html>"), Format.HTML, "a.html");
        assertThat(t).isEqualTo("Sycophancy\n\nModels show reward hacking.");
        assertThat(Schemes.tagger().mentions(t)).extracting(TagResult.Mention::matched).containsExactly("Sycophancy", "reward hacking");
    }

    @Test
    void pdf_text_is_extracted() throws Exception {
        String t = TextExtractor.extract(pdf("Scalable oversight with debate."), Format.PDF, "a.pdf");
        assertThat(t).isEqualTo("Scalable oversight with debate.");
    }

    @Test
    void pdf_without_text_is_rejected() throws Exception {
        byte[] empty = pdf(null);
        assertThatThrownBy(() -> TextExtractor.extract(empty, Format.PDF, "scan.pdf"))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("scan.pdf: the PDF has no extractable text (scanned images need OCR first)");
    }

    @Test
    void broken_pdf_empty_file_and_non_utf8_are_rejected() {
        assertThatThrownBy(() -> TextExtractor.extract(utf8("%PDF-1.7 nonsense"), Format.PDF, "b.pdf"))
            .hasMessageStartingWith("b.pdf: not a readable PDF");
        assertThatThrownBy(() -> TextExtractor.extract(new byte[0], Format.TEXT, "e.txt")).hasMessage("e.txt: empty file");
        assertThatThrownBy(() -> TextExtractor.extract(new byte[] { (byte) 0xff, (byte) 0xfe, 0x41 }, Format.TEXT, "l.txt"))
            .hasMessageStartingWith("l.txt: not UTF-8 text");
    }

    @Test
    void format_follows_the_extension() {
        assertThat(Format.ofFileName("x.MD")).isEqualTo(Format.MARKDOWN);
        assertThat(Format.ofFileName("x.htm")).isEqualTo(Format.HTML);
        assertThat(Format.ofFileName("x.pdf")).isEqualTo(Format.PDF);
        assertThat(Format.ofFileName("x.txt")).isEqualTo(Format.TEXT);
    }
}
