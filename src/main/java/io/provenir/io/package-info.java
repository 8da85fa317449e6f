/**
 * Reading JSONL bytes: {@link io.provenir.io.LineReader} splits a stream into lines with their byte
 * offsets, bounded in memory per line, and knows where a byte range's first whole line starts.
 *
 * <p>Pure Java (java.io only); the Beam read transform in {@code transforms} drives it.
 */
package io.provenir.io;
