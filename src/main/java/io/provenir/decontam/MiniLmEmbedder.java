package io.provenir.decontam;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (sentence-transformers; 384 dimensions; quantized ONNX), run in-process on ONNX
 * Runtime. The model and its tokenizer ship inside the {@code langchain4j-embeddings-all-minilm-
 * l6-v2-q} jar: nothing is downloaded. Texts are cut to the model's 256 tokens, as
 * sentence-transformers does; vectors are attention-masked mean pools, L2-normalised.
 *
 * <p>Each text is encoded on its own, unpadded. Padded batches were measured slower on CPU (the
 * quantized model's cost grows with the padded length), and with dynamic quantization a text's
 * vector would depend on what it was batched with; unpadded, a text always gets the same vector.
 * Callers still hand over a bundle's texts at once. Parallelism comes from the caller's threads:
 * one session per JVM ({@link #shared()}), run from many threads at once (ONNX Runtime allows
 * it), one intra-op thread per call unless {@code PROVENIR_EMBED_THREADS} says otherwise.
 */
public final class MiniLmEmbedder implements Embedder {

  public static final String NAME = "all-minilm-l6-v2-q";
  private static final String MODEL_ID =
      "sentence-transformers/all-MiniLM-L6-v2;onnx-quantized;mean;max-tokens=256";
  private static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
  private static final int DIM = 384;
  private static final int MAX_TOKENS = 256;

  private static volatile MiniLmEmbedder shared;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean wantsTypeIds;
  private final String outputName;

  private MiniLmEmbedder(int threads) {
    try (InputStream model = resource(MODEL_RESOURCE);
        InputStream tok = resource(TOKENIZER_RESOURCE)) {
      env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
      opts.setIntraOpNumThreads(threads);
      opts.setInterOpNumThreads(1);
      opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(model.readAllBytes(), opts);
      wantsTypeIds = session.getInputNames().contains("token_type_ids");
      outputName = session.getOutputNames().iterator().next();
      Map<String, String> options = new HashMap<>();
      options.put("padding", "false");
      options.put("truncation", "false");
      tokenizer = HuggingFaceTokenizer.newInstance(tok, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the embedding model from the classpath", e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot start ONNX Runtime for the embedding model", e);
    }
  }

  /** The instance shared by every caller in this JVM. */
  public static MiniLmEmbedder shared() {
    MiniLmEmbedder m = shared;
    if (m == null) {
      synchronized (MiniLmEmbedder.class) {
        m = shared;
        if (m == null) {
          m = new MiniLmEmbedder(threadsFromEnvironment());
          shared = m;
        }
      }
    }
    return m;
  }

  /** A separate instance with {@code threads} intra-op threads (for one-off bulk embedding). */
  public static MiniLmEmbedder withThreads(int threads) {
    return new MiniLmEmbedder(Math.max(1, threads));
  }

  static int threadsFromEnvironment() {
    String v = System.getenv("PROVENIR_EMBED_THREADS");
    try {
      return v == null || v.isBlank() ? 1 : Math.max(1, Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = MiniLmEmbedder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath (langchain4j-embeddings-all-minilm-"
          + "l6-v2-q)");
    }
    return in;
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public int dimension() {
    return DIM;
  }

  @Override
  public float[][] embed(List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      String t = texts.get(i);
      out[i] = t == null || t.isBlank() ? new float[DIM] : encode(tokenize(t));
    }
    return out;
  }

  private long[] tokenize(String text) {
    Encoding e = tokenizer.encode(text, true, false);
    long[] ids = e.getIds();
    if (ids.length > MAX_TOKENS) {
      long sep = ids[ids.length - 1];
      ids = Arrays.copyOf(ids, MAX_TOKENS);
      ids[MAX_TOKENS - 1] = sep;
    }
    return ids;
  }

  /**
   * Per-thread native buffers for one call: the token ids, the attention mask (all ones) and the
   * token types (all zeros) as input tensors, and the model's hidden states as the output
   * tensor, which ONNX Runtime writes in place. Reading the output as a Java array instead
   * allocated and zeroed about 1.5 KB per token per call: in a pipeline that streamed the heap
   * through the caches the model's weights were in.
   */
  private static final class Scratch {
    final LongBuffer ids = longs();
    final LongBuffer mask = longs();
    final LongBuffer types = longs();
    final FloatBuffer hidden = ByteBuffer.allocateDirect(MAX_TOKENS * DIM * Float.BYTES)
        .order(ByteOrder.nativeOrder()).asFloatBuffer();

    Scratch() {
      for (int i = 0; i < MAX_TOKENS; i++) {
        mask.put(i, 1L);
      }
    }

    private static LongBuffer longs() {
      return ByteBuffer.allocateDirect(MAX_TOKENS * Long.BYTES).order(ByteOrder.nativeOrder())
          .asLongBuffer();
    }

    /** The first {@code n} elements of {@code b}, as a buffer of their own. */
    static <B extends java.nio.Buffer> B first(B b, int n) {
      @SuppressWarnings("unchecked")
      B view = (B) b.duplicate();
      view.position(0).limit(n);
      return view;
    }
  }

  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  private float[] encode(long[] ids) {
    int n = ids.length;
    long[] shape = {1, n};
    Scratch s = scratch.get();
    s.ids.clear();
    s.ids.put(ids);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    OnnxTensor hidden = null;
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, Scratch.first(s.ids, n), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, Scratch.first(s.mask, n),
          shape));
      if (wantsTypeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, Scratch.first(s.types, n),
            shape));
      }
      hidden = OnnxTensor.createTensor(env, Scratch.first(s.hidden, n * DIM),
          new long[] {1, n, DIM});
      session.run(inputs, Map.of(outputName, hidden)).close();
      return meanPoolNormalised(s.hidden, n);
    } catch (OrtException e) {
      throw new IllegalStateException("the embedding model failed on a text of " + n
          + " tokens", e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
      if (hidden != null) {
        hidden.close();
      }
    }
  }

  private static float[] meanPoolNormalised(FloatBuffer tokens, int n) {
    float[] v = new float[DIM];
    for (int t = 0; t < n; t++) {
      int off = t * DIM;
      for (int k = 0; k < DIM; k++) {
        v[k] += tokens.get(off + k);
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float inv = norm == 0 ? 0f : (float) (1.0 / Math.sqrt(norm));
    for (int k = 0; k < DIM; k++) {
      v[k] *= inv;
    }
    return v;
  }

  /** For tests: the token count of {@code text} before truncation. */
  int tokenCount(String text) {
    return tokenizer.encode(text, true, false).getIds().length;
  }

}
