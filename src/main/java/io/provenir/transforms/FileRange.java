package io.provenir.transforms;

/**
 * A byte range of one input file to read.
 *
 * @param resourceId the file's Beam resource id (path or URI)
 * @param source the file's name in outputs (relative to the launch directory when under it)
 * @param start first byte of the range; lines starting before it belong to the previous range
 * @param end one past the last byte at which a line of this range may start ({@link Long#MAX_VALUE}
 *     for "to the end")
 * @param lineNumbered whether the range starts the file, so that line numbers are exact
 */
public record FileRange(String resourceId, String source, long start, long end,
    boolean lineNumbered) {}
