/**
 * The Java library API, for notebooks, tests and services that want Provenir's checks without a
 * Beam pipeline: {@link io.provenir.api.JsonlDataset} (lazy, streaming JSONL datasets),
 * {@link io.provenir.api.PIIScanner}, {@link io.provenir.api.PIIMasker},
 * {@link io.provenir.api.SecretScanner}, {@link io.provenir.api.SemanticDecontaminationChecker}
 * and {@link io.provenir.api.NgramDecontaminationChecker}. They run the same detector, masking and
 * decontamination code as the pipeline's DoFns.
 *
 * <pre>{@code
 * JsonlDataset data = JsonlDataset.fromJsonl("data/train.jsonl");
 * PiiReport report = new PIIScanner().scan(data);
 * if (report.hasPii()) {
 *   new PIIMasker().mask(data).save(Path.of("data/train.masked.jsonl"));
 * }
 * }</pre>
 *
 * <p>Pure Java; depends on the core packages, never on Beam.
 */
package io.provenir.api;
