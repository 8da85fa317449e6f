/**
 * Secret detectors (cloud keys, GitHub tokens, bearer tokens, high-entropy strings in key-like
 * context), the entropy measure they share, the allowlist of documented example and placeholder
 * values, and {@link io.provenir.secrets.Fingerprints}: how a secret is referred to without its
 * value.
 *
 * <p>Pure Java: depends only on {@code io.provenir.scan}. See {@code docs/detectors.md}.
 */
package io.provenir.secrets;
