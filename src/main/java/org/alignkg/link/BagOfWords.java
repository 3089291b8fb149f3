package org.alignkg.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * The words of a text as a sparse TF-IDF vector over a fixed vocabulary of stems and stem pairs
 * ({@link TermAnalyzer#stemsOrNull}, English stop words left out): the lexical side of the classifier. Why
 * beside the embedding: MiniLM's mean vector blurs a text into its broad subject, while a field's
 * topics are often told apart by a few terms of art ("reward model", "mesa-optimizer",
 * "superposition") that a linear model over words weighs directly. Vectors are unit length
 * (sublinear term frequency × smoothed IDF), like the embeddings.
 *
 * @param terms the vocabulary, sorted
 * @param idf   each term's inverse document frequency in the training texts
 */
public record BagOfWords(List<String> terms, float[] idf) {
    /** Characters of a text that are read (the title and abstract come first; a book would only add noise and time). */
    static final int MAX_CHARS = 20_000;

    /** A sparse vector: ascending indices and their values. */
    public record Features(int[] index, float[] value) {
        static Features dense(float[] x) {
            int[] i = new int[x.length];
            for (int k = 0; k < i.length; k++) i[k] = k;
            return new Features(i, x);
        }

        double dot(float[] w) {
            double s = 0;
            for (int k = 0; k < index.length; k++) s += w[index[k]] * value[k];
            return s;
        }
    }

    /** The terms of a text in order: stems that are not stop words or numbers, and each adjacent pair of them ("reward model"). */
    static List<String> terms(String text) {
        // a stop word or number (null) breaks a pair: "learning of the reward" is not "learning reward"
        List<String> stems = TermAnalyzer.stemsOrNull(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stems.size(); i++) {
            String s = stems.get(i);
            if (s == null) continue;
            out.add(s);
            if (i + 1 < stems.size() && stems.get(i + 1) != null) out.add(s + " " + stems.get(i + 1));
        }
        return out;
    }

    /**
     * The vocabulary of {@code texts}: terms in at least {@code minDf} of them and in at most
     * {@code maxShare} of them (a term in most texts tells no topic apart).
     */
    static BagOfWords of(List<String> texts, int minDf, double maxShare) {
        Map<String, Integer> df = new TreeMap<>();
        for (String text : texts)
            for (String term : new java.util.HashSet<>(terms(text))) df.merge(term, 1, Integer::sum);
        List<String> vocabulary = new ArrayList<>();
        List<Float> idf = new ArrayList<>();
        int n = texts.size();
        df.forEach((term, d) -> {
            if (d >= minDf && d <= maxShare * n) {
                vocabulary.add(term);
                idf.add((float) (Math.log((1.0 + n) / (1.0 + d)) + 1));
            }
        });
        float[] w = new float[idf.size()];
        for (int i = 0; i < w.length; i++) w[i] = idf.get(i);
        return new BagOfWords(vocabulary, w);
    }

    /** The text's unit TF-IDF vector (no index when it has none of the vocabulary's terms). */
    Features features(String text) {
        Map<Integer, Integer> tf = new HashMap<>();
        for (String term : terms(text)) {
            int i = index(term);
            if (i >= 0) tf.merge(i, 1, Integer::sum);
        }
        int[] index = tf.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] value = new float[index.length];
        double norm = 0;
        for (int k = 0; k < index.length; k++) {
            double v = (1 + Math.log(tf.get(index[k]))) * idf[index[k]];
            value[k] = (float) v;
            norm += v * v;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int k = 0; k < value.length; k++) value[k] *= inv;
        }
        return new Features(index, value);
    }

    private int index(String term) {
        return java.util.Collections.binarySearch(terms, term);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BagOfWords b && terms.equals(b.terms) && Arrays.equals(idf, b.idf);
    }

    @Override
    public int hashCode() {
        return terms.hashCode() * 31 + Arrays.hashCode(idf);
    }

    @Override
    public String toString() {
        return "BagOfWords[" + terms.size() + " terms]";
    }
}
