package io.provenir.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Whole small files (report, manifest, card) through Beam's {@link FileSystems}, so that local
 * paths and {@code gs://} or {@code s3://} work alike.
 */
public final class BeamFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BeamFiles() {}

  /** The JSON document at {@code path} (a file, not a directory). */
  public static JsonNode readJson(String path) throws IOException {
    try (InputStream in = Channels.newInputStream(
        FileSystems.open(FileSystems.matchNewResource(path, false)))) {
      return JSON.readTree(in);
    }
  }

  /** Writes {@code bytes} to {@code file}, replacing it. */
  public static void write(ResourceId file, String mime, byte[] bytes) throws IOException {
    try (OutputStream os = Channels.newOutputStream(FileSystems.create(file, mime))) {
      os.write(bytes);
    }
  }

  /** Writes {@code bytes} to {@code dir/name}, replacing it; returns the file's path. */
  public static String write(String dir, String name, String mime, byte[] bytes)
      throws IOException {
    ResourceId id = FileSystems.matchNewResource(dir, true)
        .resolve(name, StandardResolveOptions.RESOLVE_FILE);
    write(id, mime, bytes);
    return id.toString();
  }
}
