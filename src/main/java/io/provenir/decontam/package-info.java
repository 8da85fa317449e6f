/**
 * Decontamination, without Beam: the {@link io.provenir.decontam.Embedder} interface and the
 * in-process {@link io.provenir.decontam.MiniLmEmbedder}, sentence-aligned
 * {@link io.provenir.decontam.TextWindows}, hashed word {@link io.provenir.decontam.Ngrams}, the
 * immutable {@link io.provenir.decontam.EvalIndex} that workers receive as a side input, the
 * {@link io.provenir.decontam.Decontaminator} that joins training texts with it, and the
 * {@link io.provenir.decontam.EmbeddingSet} files of {@code provenir embed}.
 *
 * <p>Pure Java (plus ONNX Runtime and the tokenizer for the model); never imports Beam, the CLI or
 * the other Provenir packages.
 */
package io.provenir.decontam;
