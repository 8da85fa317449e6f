/**
 * JSONL records as Provenir sees them: where a line came from ({@link io.provenir.record.SourceRef}),
 * its string leaves addressed by JSON Pointer ({@link io.provenir.record.JsonRecordParser}), findings
 * in code points, and byte-preserving redaction ({@link io.provenir.record.RecordRedactor}) that
 * rewrites only the strings that hold a finding.
 *
 * <p>Pure Java on Jackson's streaming parser; depends on {@code scan}, never on Beam.
 */
package io.provenir.record;
