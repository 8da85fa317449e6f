/**
 * Provenir: data governance for LLM fine-tuning datasets on Apache Beam.
 *
 * <p>Packages, from the outside in: {@code cli} (the {@code provenir} command) and
 * {@code pipeline} (run planning and assembly) depend on {@code transforms} (Beam composite
 * transforms and DoFns), which depend on the pure core: {@code config}, {@code io},
 * {@code record}, {@code report}, {@code scan}, {@code pii}, {@code secrets}. The core never imports
 * Beam or the CLI.
 */
package io.provenir;
