package io.provenir.transforms;

import org.apache.beam.sdk.io.Compression;

/**
 * One input file, as matched when the pipeline is built.
 *
 * @param resourceId Beam resource id (absolute path or URI)
 * @param source the name used in outputs
 * @param sizeBytes size on storage (compressed size for compressed files)
 */
public record InputFile(String resourceId, String source, long sizeBytes) {

  /** Whether the file is compressed (by its extension: .gz, .bz2, .zst, .deflate, .zip, .lzo). */
  public boolean compressed() {
    return Compression.detect(resourceId) != Compression.UNCOMPRESSED;
  }
}
