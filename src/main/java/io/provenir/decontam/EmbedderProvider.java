package io.provenir.decontam;

/**
 * Makes an {@link Embedder} known by name; found with {@link java.util.ServiceLoader}. See
 * {@link Embedder} for how to add one.
 */
public interface EmbedderProvider {

  /** The name users give in the spec, e.g. {@code all-minilm-l6-v2-q}. */
  String name();

  /** The shared instance (create it once per JVM). */
  Embedder get();
}
