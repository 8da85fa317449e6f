/**
 * Measuring detectors against labelled cases: loaders for Presidio-style PII cases and for the
 * ground-truth sidecar of {@code bench/make_corpus.py}, and span-level scoring (exact and overlap
 * precision, recall and F1 per type, decoy flag rates), record-level secret scoring, and
 * decontamination recall and false-positive curves ({@link io.provenir.eval.DecontamEvaluation}).
 *
 * <p>Pure Java; depends on the core detector packages, never on Beam or the CLI.
 */
package io.provenir.eval;
