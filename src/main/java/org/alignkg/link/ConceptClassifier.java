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

    /** SHA-256 of the shipped classifier file (its identity in fingerprints). */
    public static String shippedSha256() {
        shipped();
        return shippedSha256;
    }

    /** One softmax head: class IRIs, a weight row per class and a bias per class. */
    public record Head(List<String> classes, float[][] weights, float[] bias) {
        /** Probabilities of the classes for a unit vector {@code x}. */
        public double[] probabilities(float[] x) {
            double[] z = new double[classes.size()];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.length; k++) {
                double s = bias[k];
                float[] w = weights[k];
                for (int i = 0; i < x.length; i++) s += w[i] * x[i];
                z[k] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k] - max);
            for (int k = 0; k < z.length; k++) z[k] /= sum;
            return z;
        }

        public Map<String, Double> scores(float[] x) {
            double[] p = probabilities(x);
            Map<String, Double> out = new LinkedHashMap<>();
            for (int k = 0; k < p.length; k++) out.put(classes.get(k), p[k]);
            return out;
        }
    }

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
                        Examples examples, Linker.Thresholds thresholds) { }

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

    public Map<String, Double> families(float[] docVector) {
        return mix(model.families(), docVector, true);
    }

    public Map<String, Double> concepts(float[] docVector) {
        return mix(model.concepts(), docVector, false);
    }

    /**
     * The head's probabilities mixed with the vote of the nearest labelled entries. Why both: the
     * linear head generalises over the whole training set, the vote follows the local structure of
     * the embedding space (a sub-topic of a broad newsletter section that the linear boundary cuts
     * off); on the dev part the mixture ranked the right family first more often than either.
     */
    private Map<String, Double> mix(Head head, float[] x, boolean familyHead) {
        double[] p = head.probabilities(x);
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
                    try (InputStream in = ConceptClassifier.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) throw new ModelUnavailableException("the linker's classifier " + RESOURCE
                            + " is missing from the build; run 'alignkg train' (README: Linking documents)", null);
                        byte[] bytes = in.readAllBytes();
                        shipped = new ConceptClassifier(JSON.readValue(bytes, Model.class));
                        shippedSha256 = org.apache.commons.codec.digest.DigestUtils.sha256Hex(bytes);
                    } catch (IOException e) {
                        throw new ModelUnavailableException("the linker's classifier " + RESOURCE + " does not load: "
                            + e.getMessage().lines().findFirst().orElse(""), e);
                    }
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

    /**
     * Trains one head by full-batch gradient descent on the softmax loss with L2 regularisation,
     * classes weighted by the inverse square root of their frequency. Deterministic: no sampling,
     * fixed number of epochs, zero initial weights.
     *
     * @param y for each example, the indices of its classes (the target spreads evenly over them)
     */
    public static Head train(List<String> classes, List<float[]> x, List<int[]> y, int epochs, double rate, double l2) {
        int k = classes.size();
        int d = x.get(0).length;
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
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[][] gw = new double[k][d];
            double[] gb = new double[k];
            for (int i = 0; i < n; i++) {
                float[] xi = x.get(i);
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = b[c];
                    for (int j = 0; j < d; j++) s += w[c][j] * xi[j];
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
                    for (int j = 0; j < d; j++) gw[c][j] += g * xi[j];
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
            for (int j = 0; j < d; j++) fw[c][j] = (float) w[c][j];
        }
        return new Head(new ArrayList<>(classes), fw, fb);
    }
}
