/**
 * The pipeline's vocabulary as Beam composite transforms: {@link io.provenir.transforms.ReadJsonl},
 * {@link io.provenir.transforms.ParseRecords}, {@link io.provenir.transforms.ScanRecords} (or
 * {@link io.provenir.transforms.ScanForPii} and {@link io.provenir.transforms.ScanForSecrets}
 * apart), {@link io.provenir.transforms.MaskPii},
 * {@link io.provenir.transforms.BuildEvalIndex}, {@link io.provenir.transforms.Decontaminate},
 * {@link io.provenir.transforms.RouteRecords}, {@link io.provenir.transforms.CollectDeadLetters},
 * {@link io.provenir.transforms.WriteJsonl} and {@link io.provenir.transforms.WriteReport}, with the
 * coders of their element types.
 *
 * <p>A thin layer: each DoFn adapts one element to the pure code in {@code record}, {@code pii},
 * {@code secrets}, {@code decontam} and {@code report}. Every step that can fail has a dead-letter output; counts
 * leave each bundle as one {@link io.provenir.report.Tally}. May depend on the core packages, never
 * on {@code pipeline} or {@code cli}.
 */
package io.provenir.transforms;
