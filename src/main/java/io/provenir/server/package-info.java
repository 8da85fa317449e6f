/**
 * The read-only HTTP server of {@code provenir serve}: the audit trail over REST. Depends on the
 * {@code audit} core; never on Beam.
 */
package io.provenir.server;
