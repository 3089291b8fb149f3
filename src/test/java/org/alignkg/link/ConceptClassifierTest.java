package org.alignkg.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

class ConceptClassifierTest {
    @Test
    void the_shipped_identity_is_the_hash_of_the_file_before_and_after_it_is_parsed() throws Exception {
        byte[] bytes;
        try (InputStream in = ConceptClassifier.class.getResourceAsStream(ConceptClassifier.RESOURCE)) {
            bytes = in.readAllBytes();
        }
        String expected = DigestUtils.sha256Hex(bytes);
        assertThat(ConceptClassifier.shippedSha256()).isEqualTo(expected);
        assertThat(ConceptClassifier.shipped().model().words().vocabulary().terms()).isNotEmpty();
        assertThat(ConceptClassifier.shippedSha256()).isEqualTo(expected);
    }
}
