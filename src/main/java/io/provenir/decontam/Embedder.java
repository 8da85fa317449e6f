package io.provenir.decontam;

import java.util.List;

/**
 * A sentence-embedding model: texts in, L2-normalised vectors out, so that a dot product is a
 * cosine similarity. Implementations must be thread-safe and should be shared per JVM (models are
 * large); callers batch texts. To plug in another model, implement this interface and an
 * {@link EmbedderProvider}, list the provider in
 * {@code META-INF/services/io.provenir.decontam.EmbedderProvider} and name it in the spec
 * ({@code decontamination.model}).
 */
public interface Embedder {

  /**
   * Identifies the model and everything that changes its vectors (weights, pooling, truncation).
   * Precomputed eval embedding sets record it, and a run refuses a set made by another model.
   */
  String modelId();

  /** The length of every vector. */
  int dimension();

  /**
   * One L2-normalised vector per text, in order. Blank texts get a zero vector (similarity 0 to
   * everything).
   */
  float[][] embed(List<String> texts);
}
