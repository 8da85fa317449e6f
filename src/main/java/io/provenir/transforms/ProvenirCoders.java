package io.provenir.transforms;

import io.provenir.decontam.Decontaminator;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalIndex;
import io.provenir.record.DeadLetter;
import io.provenir.record.Finding;
import io.provenir.record.JsonlLine;
import io.provenir.record.JsonlRecord;
import io.provenir.record.SourceRef;
import io.provenir.report.Tally;
import io.provenir.scan.Category;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Explicit, deterministic coders for every element type Provenir creates (no Java serialisation on
 * the hot path). Records are encoded as their raw bytes plus findings; string leaves are re-derived.
 */
public final class ProvenirCoders {

  private ProvenirCoders() {}

  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  static void writeString(String s, OutputStream out) throws IOException {
    STRING.encode(s, out);
  }

  static String readString(InputStream in) throws IOException {
    return STRING.decode(in);
  }

  static void writeNullableString(String s, OutputStream out) throws IOException {
    out.write(s == null ? 0 : 1);
    if (s != null) {
      STRING.encode(s, out);
    }
  }

  static String readNullableString(InputStream in) throws IOException {
    return in.read() == 1 ? STRING.decode(in) : null;
  }

  static void writeBytes(byte[] b, OutputStream out) throws IOException {
    BYTES.encode(b, out);
  }

  static byte[] readBytes(InputStream in) throws IOException {
    return BYTES.decode(in);
  }

  static void writeDouble(double d, OutputStream out) throws IOException {
    new DataOutputStream(out).writeLong(Double.doubleToRawLongBits(d));
  }

  static double readDouble(InputStream in) throws IOException {
    return Double.longBitsToDouble(new DataInputStream(in).readLong());
  }

  static void writeVerdict(Decontaminator.Verdict v, OutputStream out) throws IOException {
    out.write(v == null ? 0 : 1);
    if (v == null) {
      return;
    }
    VarInt.encode(v.matches().size(), out);
    for (Decontaminator.Match m : v.matches()) {
      writeString(m.benchmark(), out);
      writeString(m.evalId(), out);
      writeDouble(m.score(), out);
      VarInt.encode(m.ngramMatches(), out);
      VarInt.encode(m.ngramTotal(), out);
      writeString(m.method(), out);
    }
    writeNullableString(v.bestBenchmark(), out);
    writeDouble(v.bestScore(), out);
    VarInt.encode(v.windows(), out);
  }

  static Decontaminator.Verdict readVerdict(InputStream in) throws IOException {
    if (in.read() != 1) {
      return null;
    }
    int n = VarInt.decodeInt(in);
    List<Decontaminator.Match> matches = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      matches.add(new Decontaminator.Match(readString(in), readString(in), readDouble(in),
          VarInt.decodeInt(in), VarInt.decodeInt(in), readString(in)));
    }
    return new Decontaminator.Verdict(List.copyOf(matches), readNullableString(in),
        readDouble(in), VarInt.decodeInt(in));
  }

  static void writeRef(SourceRef r, OutputStream out) throws IOException {
    writeString(r.source(), out);
    VarInt.encode(r.line(), out);
    VarInt.encode(r.offset(), out);
  }

  static SourceRef readRef(InputStream in) throws IOException {
    return new SourceRef(readString(in), VarInt.decodeLong(in), VarInt.decodeLong(in));
  }

  /** Coder of {@link JsonlLine}. */
  public static final class JsonlLineCoder extends CustomCoder<JsonlLine> {
    private static final JsonlLineCoder INSTANCE = new JsonlLineCoder();

    public static JsonlLineCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(JsonlLine v, OutputStream out) throws IOException {
      writeRef(v.ref(), out);
      writeBytes(v.bytes(), out);
      VarInt.encode(v.length(), out);
      out.write(v.oversize() ? 1 : 0);
    }

    @Override
    public JsonlLine decode(InputStream in) throws IOException {
      return new JsonlLine(readRef(in), readBytes(in), VarInt.decodeLong(in), in.read() == 1);
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder of {@link LineBlock}: source, counts, then the lines as {@link JsonlLineCoder} writes them. */
  public static final class LineBlockCoder extends CustomCoder<LineBlock> {
    private static final LineBlockCoder INSTANCE = new LineBlockCoder();

    public static LineBlockCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LineBlock b, OutputStream out) throws IOException {
      writeString(b.source(), out);
      VarInt.encode(b.lineCount(), out);
      VarInt.encode(b.blankLines(), out);
      VarInt.encode(b.bytes(), out);
      VarInt.encode(b.lines().size(), out);
      for (JsonlLine l : b.lines()) {
        JsonlLineCoder.INSTANCE.encode(l, out);
      }
    }

    @Override
    public LineBlock decode(InputStream in) throws IOException {
      String source = readString(in);
      long lineCount = VarInt.decodeLong(in);
      long blank = VarInt.decodeLong(in);
      long bytes = VarInt.decodeLong(in);
      int n = VarInt.decodeInt(in);
      List<JsonlLine> lines = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        lines.add(JsonlLineCoder.INSTANCE.decode(in));
      }
      return new LineBlock(source, lines, lineCount, blank, bytes);
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder of {@link JsonlRecord}: ref, id, raw line, findings, output. */
  public static final class JsonlRecordCoder extends CustomCoder<JsonlRecord> {
    private static final JsonlRecordCoder INSTANCE = new JsonlRecordCoder();

    public static JsonlRecordCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(JsonlRecord r, OutputStream out) throws IOException {
      writeRef(r.ref(), out);
      writeString(r.id(), out);
      writeBytes(r.raw(), out);
      VarInt.encode(r.findings().size(), out);
      for (Finding f : r.findings()) {
        writeString(f.pointer(), out);
        writeString(f.type(), out);
        out.write(f.category().ordinal());
        VarInt.encode(f.start(), out);
        VarInt.encode(f.end(), out);
        writeString(f.detector(), out);
        writeNullableString(f.fingerprint(), out);
        out.write(f.inKey() ? 1 : 0);
      }
      out.write(r.output() == null ? 0 : 1);
      if (r.output() != null) {
        writeBytes(r.output(), out);
      }
      VarInt.encode(r.allowedSecrets(), out);
      writeVerdict(r.decontamination(), out);
    }

    @Override
    public JsonlRecord decode(InputStream in) throws IOException {
      SourceRef ref = readRef(in);
      String id = readString(in);
      byte[] raw = readBytes(in);
      int n = VarInt.decodeInt(in);
      List<Finding> findings = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        findings.add(new Finding(readString(in), readString(in), Category.values()[in.read()],
            VarInt.decodeInt(in), VarInt.decodeInt(in), readString(in), readNullableString(in),
            in.read() == 1));
      }
      byte[] output = in.read() == 1 ? readBytes(in) : null;
      int allowed = VarInt.decodeInt(in);
      return new JsonlRecord(ref, id, raw, findings, output, allowed, readVerdict(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder of {@link DeadLetter}. */
  public static final class DeadLetterCoder extends CustomCoder<DeadLetter> {
    private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();

    public static DeadLetterCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(DeadLetter d, OutputStream out) throws IOException {
      writeRef(d.ref(), out);
      writeNullableString(d.recordId(), out);
      writeString(d.step(), out);
      writeString(d.error(), out);
      writeString(d.message(), out);
      writeString(d.raw(), out);
      out.write(d.rawTruncated() ? 1 : 0);
      VarInt.encode(d.rawBytes(), out);
      VarInt.encode(d.secretTypes().size(), out);
      for (String t : d.secretTypes()) {
        writeString(t, out);
      }
    }

    @Override
    public DeadLetter decode(InputStream in) throws IOException {
      DeadLetter d = new DeadLetter(readRef(in), readNullableString(in), readString(in),
          readString(in), readString(in), readString(in), in.read() == 1, VarInt.decodeLong(in));
      int secrets = VarInt.decodeInt(in);
      if (secrets == 0) {
        return d;
      }
      java.util.List<String> types = new java.util.ArrayList<>(secrets);
      for (int i = 0; i < secrets; i++) {
        types.add(readString(in));
      }
      return new DeadLetter(d.ref(), d.recordId(), d.step(), d.error(), d.message(), d.raw(),
          d.rawTruncated(), d.rawBytes(), types);
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder of {@link Tally} (small: one per bundle). */
  public static final class TallyCoder extends CustomCoder<Tally> {
    private static final TallyCoder INSTANCE = new TallyCoder();

    public static TallyCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Tally t, OutputStream out) throws IOException {
      writeBytes(t.toJsonBytes(), out);
    }

    @Override
    public Tally decode(InputStream in) throws IOException {
      return Tally.fromJsonBytes(readBytes(in));
    }
  }

  /** Coder of {@link FileRange}. */
  public static final class FileRangeCoder extends CustomCoder<FileRange> {
    private static final FileRangeCoder INSTANCE = new FileRangeCoder();

    public static FileRangeCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FileRange r, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      writeString(r.resourceId(), out);
      writeString(r.source(), out);
      d.writeLong(r.start());
      d.writeLong(r.end());
      d.writeBoolean(r.lineNumbered());
      d.flush();
    }

    @Override
    public FileRange decode(InputStream in) throws IOException {
      String id = readString(in);
      String source = readString(in);
      DataInputStream d = new DataInputStream(in);
      return new FileRange(id, source, d.readLong(), d.readLong(), d.readBoolean());
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder of the eval index side input: its own compact binary form. */
  public static final class EvalIndexCoder extends CustomCoder<EvalIndex> {
    private static final EvalIndexCoder INSTANCE = new EvalIndexCoder();

    public static EvalIndexCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(EvalIndex index, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
      index.writeTo(d);
      d.flush();
    }

    @Override
    public EvalIndex decode(InputStream in) throws IOException {
      // No read-ahead buffer: in a nested context the next element follows in the same stream.
      return EvalIndex.readFrom(new DataInputStream(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder of eval items on their way into the index. */
  public static final class EvalEntryCoder extends CustomCoder<EvalEntry> {
    private static final EvalEntryCoder INSTANCE = new EvalEntryCoder();

    public static EvalEntryCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(EvalEntry e, OutputStream out) throws IOException {
      writeString(e.benchmark(), out);
      writeString(e.id(), out);
      writeString(e.text(), out);
      DataOutputStream d = new DataOutputStream(out);
      if (e.vectors() == null) {
        d.writeInt(-1);
      } else {
        d.writeInt(e.vectors().length);
        for (float[] v : e.vectors()) {
          d.writeInt(v.length);
          for (float x : v) {
            d.writeFloat(x);
          }
        }
      }
      d.flush();
    }

    @Override
    public EvalEntry decode(InputStream in) throws IOException {
      String benchmark = readString(in);
      String id = readString(in);
      String text = readString(in);
      DataInputStream d = new DataInputStream(in);
      int rows = d.readInt();
      float[][] vectors = null;
      if (rows >= 0) {
        vectors = new float[rows][];
        for (int r = 0; r < rows; r++) {
          vectors[r] = new float[d.readInt()];
          for (int k = 0; k < vectors[r].length; k++) {
            vectors[r][k] = d.readFloat();
          }
        }
      }
      return new EvalEntry(benchmark, id, text, vectors);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
