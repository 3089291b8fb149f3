package org.alignkg.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.alignkg.embed.ModelUnavailableException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A linear softmax classifier over document embeddings, trained on the Alignment Newsletter's
 * human topic labels ({@code alignkg train}), with the linker's thresholds calibrated on
 * held-out entries. Two heads: the families (top concepts) and the concepts that the newsletter's
 * categories map to. Shipped as {@code /org/alignkg/link/classifier.json} in the jar.
 */
public final class ConceptClassifier {
    static final String RESOURCE = "/org/alignkg/link/classifier.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static volatile ConceptClassifier shipped;
    private static volatile String shippedSha256;

    /**
     * SHA-256 of the shipped classifier file (its identity in fingerprints). Hashes the bytes
     * without parsing them: a start on an up-to-date store needs the identity only, and parsing
     * the 2.2 MB file costs about half a second.
     */
    public static String shippedSha256() {
        String h = shippedSha256;
        if (h == null) {
            synchronized (ConceptClassifier.class) {
                if (shippedSha256 == null) shippedSha256 = org.apache.commons.codec.digest.DigestUtils.sha256Hex(shippedBytes());
                h = shippedSha256;
            }
        }
        return h;
    }

    private static ModelUnavailableException unloadable(IOException e) {
        return new ModelUnavailableException("the linker's classifier " + RESOURCE + " does not load: "
            + e.getMessage().lines().findFirst().orElse(""), e);
    }

    private static byte[] shippedBytes() {
        try (InputStream in = ConceptClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new ModelUnavailableException("the linker's classifier " + RESOURCE
                + " is missing from the build; run 'alignkg train' (README: Linking documents)", null);
            return in.readAllBytes();
        } catch (IOException e) {
            throw unloadable(e);
        }
    }

    /** One softmax head: class IRIs, a weight row per class and a bias per class. */
    public record Head(List<String> classes, float[][] weights, float[] bias) {
        /** Probabilities of the classes for a unit vector {@code x}. */
        public double[] probabilities(float[] x) {
            return probabilities(BagOfWords.Features.dense(x));
        }

        /** Probabilities of the classes for a sparse vector {@code x}. */
        public double[] probabilities(BagOfWords.Features x) {
            double[] z = new double[classes.size()];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.length; k++) {
                z[k] = bias[k] + x.dot(weights[k]);
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k] - max);
            for (int k = 0; k < z.length; k++) z[k] /= sum;
            return z;
        }
    }

    /**
     * The lexical side of the family head: a softmax head over a text's {@link BagOfWords}
     * vector, with the same classes in the same order as the embedding's family head, whose
     * probabilities it is averaged with at {@code share} (chosen on dev). Families only: a words
     * head for the 69 concepts would add 4.5 MB to the jar for a dev concept F1 gain of under 0.015,
     * and concepts are decided inside the families.
     */
    public record Words(BagOfWords vocabulary, double share, Head families) { }

    /**
     * The labelled training entries, for a nearest-neighbour vote beside the heads: their vectors
     * quantised to one signed byte per dimension (× 127; unit vectors, so the cosine error stays
     * below 0.01), Base64 in {@code vectors}, and each entry's class indices in the family head
     * and in the concept head (empty when it has none). {@code k} neighbours vote with weight
     * {@code exp(temperature × cosine)}; {@code weight} is the vote's share in the mixture.
     */
    public record Examples(int k, double temperature, double weight, String vectors, List<int[]> families, List<int[]> concepts) {
        static Examples of(int k, double temperature, double weight, List<float[]> x, List<int[]> families, List<int[]> concepts) {
            byte[] b = new byte[x.size() * x.get(0).length];
            int i = 0;
            for (float[] v : x) for (float f : v) b[i++] = (byte) Math.max(-127, Math.min(127, Math.round(f * 127)));
            return new Examples(k, temperature, weight, java.util.Base64.getEncoder().encodeToString(b), families, concepts);
        }
    }

    /** The file's contents, as Jackson reads and writes them. */
    public record Model(String version, String encoder, Map<String, Object> trainedOn, Head families, Head concepts,
                        Words words, Examples examples, Linker.Thresholds thresholds) {
        Model with(Words w, Examples e, Linker.Thresholds t) {
            return new Model(version, encoder, trainedOn, families, concepts, w, e, t);
        }
    }

    private final Model model;
    /** The examples' vectors, decoded (null: no neighbour vote). */
    private final float[][] exampleVectors;

    public ConceptClassifier(Model model) {
        this.model = model;
        Examples e = model.examples();
        if (e == null) {
            exampleVectors = null;
        } else {
            byte[] b = java.util.Base64.getDecoder().decode(e.vectors());
            int d = model.families().weights()[0].length;
            exampleVectors = new float[b.length / d][d];
            for (int i = 0; i < exampleVectors.length; i++)
                for (int j = 0; j < d; j++) exampleVectors[i][j] = b[i * d + j] / 127f;
        }
    }

    public Model model() {
        return model;
    }

    /** The bag of words of a text for {@link #families} (null: the model has no words head). */
    public BagOfWords.Features words(String text) {
        return model.words() == null ? null : model.words().vocabulary().features(text);
    }

    public Map<String, Double> families(float[] docVector, BagOfWords.Features words) {
        return mix(model.families(), model.words() == null ? null : model.words().families(), docVector, words, true);
    }

    public Map<String, Double> concepts(float[] docVector) {
        return mix(model.concepts(), null, docVector, null, false);
    }

    /**
     * The head's probabilities, averaged with the words head's, then mixed with the vote of the
     * nearest labelled entries. Why all three: the linear head generalises over the whole
     * training set, the words head weighs the terms of art the mean embedding blurs, the vote
     * follows the local structure of the embedding space (a sub-topic of a broad newsletter
     * section that the linear boundary cuts off); on the dev part the mixture ranked the right
     * family first more often than any of them alone.
     */
    private Map<String, Double> mix(Head head, Head wordsHead, float[] x, BagOfWords.Features words, boolean familyHead) {
        double[] p = head.probabilities(x);
        if (wordsHead != null && words != null) {
            double share = model.words().share();
            double[] q = wordsHead.probabilities(words);
            for (int c = 0; c < p.length; c++) p[c] = (1 - share) * p[c] + share * q[c];
        }
        Examples e = model.examples();
        if (exampleVectors != null) {
            double[] vote = vote(x, familyHead ? e.families() : e.concepts(), p.length, e.k(), e.temperature());
            if (vote != null) for (int c = 0; c < p.length; c++) p[c] = (1 - e.weight()) * p[c] + e.weight() * vote[c];
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < p.length; k++) out.put(head.classes().get(k), p[k]);
        return out;
    }

    /** The normalised, similarity-weighted class vote of the {@code k} nearest examples that have classes in {@code labels}. */
    private double[] vote(float[] x, List<int[]> labels, int classes, int k, double temperature) {
        int n = exampleVectors.length;
        double[] sim = new double[n];
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (labels.get(i).length == 0) continue;
            double s = 0;
            float[] v = exampleVectors[i];
            for (int j = 0; j < x.length; j++) s += v[j] * x[j];
            sim[i] = s;
            candidates.add(i);
        }
        if (candidates.isEmpty()) return null;
        // best first, ties by index: deterministic
        candidates.sort((a, b) -> sim[a] != sim[b] ? Double.compare(sim[b], sim[a]) : Integer.compare(a, b));
        double[] out = new double[classes];
        double total = 0;
        for (int r = 0; r < Math.min(k, candidates.size()); r++) {
            int i = candidates.get(r);
            double w = Math.exp(temperature * sim[i]);
            total += w;
            for (int c : labels.get(i)) out[c] += w / labels.get(i).length;
        }
        for (int c = 0; c < classes; c++) out[c] /= total;
        return out;
    }

    /** The classifier shipped in the jar. */
    public static ConceptClassifier shipped() {
        ConceptClassifier c = shipped;
        if (c == null) {
            synchronized (ConceptClassifier.class) {
                if (shipped == null) {
                    byte[] bytes = shippedBytes();
                    try {
                        shipped = new ConceptClassifier(JSON.readValue(bytes, Model.class));
                    } catch (IOException e) {
                        throw unloadable(e);
                    }
                    shippedSha256 = org.apache.commons.codec.digest.DigestUtils.sha256Hex(bytes);
                }
                c = shipped;
            }
        }
        return c;
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), model);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #train(List, List, List, int, int, double, double)} over dense unit vectors (the embeddings). */
    public static Head train(List<String> classes, List<float[]> x, List<int[]> y, int epochs, double rate, double l2) {
        return train(classes, x.stream().map(BagOfWords.Features::dense).toList(), y, x.get(0).length, epochs, rate, l2);
    }

    /**
     * Trains one head by full-batch gradient descent on the softmax loss with L2 regularisation,
     * classes weighted by the inverse square root of their frequency. Deterministic: no sampling,
     * fixed number of epochs, zero initial weights. Weights are rounded to 4 decimals (the file
     * stays small; a logit moves by less than 0.01).
     *
     * @param x for each example, its vector of dimension {@code d} (sparse or dense)
     * @param y for each example, the indices of its classes (the target spreads evenly over them)
     */
    public static Head train(List<String> classes, List<BagOfWords.Features> x, List<int[]> y, int d, int epochs, double rate, double l2) {
        int k = classes.size();
        int n = x.size();
        double[][] w = new double[k][d];
        double[] b = new double[k];
        double[] freq = new double[k];
        for (int[] ys : y) for (int c : ys) freq[c] += 1.0 / ys.length;
        double[] cw = new double[k];
        double norm = 0;
        for (int c = 0; c < k; c++) norm += cw[c] = freq[c] == 0 ? 0 : 1 / Math.sqrt(freq[c]);
        for (int c = 0; c < k; c++) cw[c] *= k / norm;
        double[] z = new double[k];
        double[][] gw = new double[k][d];
        double[] gb = new double[k];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (double[] g : gw) java.util.Arrays.fill(g, 0);
            java.util.Arrays.fill(gb, 0);
            for (int i = 0; i < n; i++) {
                BagOfWords.Features xi = x.get(i);
                int[] idx = xi.index();
                float[] val = xi.value();
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = b[c];
                    double[] wc = w[c];
                    for (int j = 0; j < idx.length; j++) s += wc[idx[j]] * val[j];
                    z[c] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
                double weight = 0;
                for (int c : y.get(i)) weight += cw[c] / y.get(i).length;
                for (int c = 0; c < k; c++) {
                    double target = 0;
                    for (int t : y.get(i)) if (t == c) target += 1.0 / y.get(i).length;
                    double g = (z[c] / sum - target) * weight;
                    gb[c] += g;
                    double[] gc = gw[c];
                    for (int j = 0; j < idx.length; j++) gc[idx[j]] += g * val[j];
                }
            }
            for (int c = 0; c < k; c++) {
                b[c] -= rate * gb[c] / n;
                for (int j = 0; j < d; j++) w[c][j] -= rate * (gw[c][j] / n + l2 * w[c][j]);
            }
        }
        float[][] fw = new float[k][d];
        float[] fb = new float[k];
        for (int c = 0; c < k; c++) {
            fb[c] = (float) b[c];
            for (int j = 0; j < d; j++) fw[c][j] = (float) (Math.round(w[c][j] * 1e4) / 1e4);
        }
        return new Head(new ArrayList<>(classes), fw, fb);
    }
}
