/**
 * The audit trail, without Beam: {@link io.provenir.audit.AuditEvent}s in canonical JSON
 * ({@link io.provenir.audit.CanonicalJson}), hash-chained ({@link io.provenir.audit.ChainHasher});
 * the append-only {@link io.provenir.audit.AuditLogger} (file lock, fsync, crash repair); the
 * pipeline's shards and digests ({@link io.provenir.audit.AuditDigest},
 * {@link io.provenir.audit.RunEvents}); reading and filtering
 * ({@link io.provenir.audit.AuditStore}, {@link io.provenir.audit.AuditQuery}) and verification
 * ({@link io.provenir.audit.AuditVerifier}).
 *
 * <p>Pure Java; never imports Beam or the CLI.
 */
package io.provenir.audit;
