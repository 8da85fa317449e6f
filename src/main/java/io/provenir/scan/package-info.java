/**
 * The detection vocabulary shared by the PII and secret detectors: {@link io.provenir.scan.Detector},
 * {@link io.provenir.scan.Detection} and the {@link io.provenir.scan.TextScanner} that runs a set of
 * detectors over one string and resolves overlapping matches.
 *
 * <p>Pure Java: no Beam, no JSON. Depends on nothing else in Provenir; {@code pii}, {@code secrets}
 * and {@code record} depend on it.
 */
package io.provenir.scan;
