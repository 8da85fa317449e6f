package io.provenir.pipeline;

import io.provenir.config.GovernanceSpec;
import io.provenir.config.RunnerConfig;
import io.provenir.config.SecretPolicy;
import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.EvalIndex;
import io.provenir.record.DeadLetter;
import io.provenir.record.JsonlRecord;
import io.provenir.report.Tally;
import io.provenir.secrets.SecretAllowlist;
import io.provenir.audit.RunEvents;
import io.provenir.report.RunInfo;
import io.provenir.transforms.BuildEvalIndex;
import io.provenir.transforms.RunAuditEvents;
import io.provenir.transforms.WriteAuditEvents;
import io.provenir.transforms.WriteManifestAndCard;
import io.provenir.transforms.CollectDeadLetters;
import io.provenir.transforms.Decontaminate;
import io.provenir.transforms.MaskPii;
import io.provenir.transforms.ParseRecords;
import io.provenir.transforms.ReadJsonl;
import io.provenir.transforms.RecordStep;
import io.provenir.transforms.RouteRecords;
import io.provenir.transforms.ScanRecords;
import io.provenir.transforms.Tags;
import io.provenir.transforms.WriteJsonl;
import io.provenir.transforms.WriteReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.transforms.View;

/**
 * The governance pipeline. Steps, in the order they are built:
 *
 * <ol>
 *   <li>{@code ReadJsonl}: input files, in byte ranges, into lines (blank lines counted, skipped)
 *   <li>{@code ParseScanMask}, one ParDo running three steps on each record in turn:
 *       {@code ParseRecords}: lines into records, bad lines to dead letters; {@code ScanRecords}: PII
 *       findings (when {@code pii.enabled}) and secret findings (when {@code secrets.enabled}), in
 *       one pass over each string; {@code MaskPii}: PII masked as the spec says (when {@code
 *       pii.mask}), secrets replaced by {@code [SECRET:TYPE]} (always)
 *   <li>{@code BuildEvalIndex}: the eval sets read, embedded and combined into one index (when
 *       {@code decontamination} has eval sets), a side input of the next step
 *   <li>{@code Decontaminate}: each record checked against the eval sets, semantic and n-gram
 *   <li>{@code RouteRecords}: each record to clean, quarantine or contaminated; findings lines
 *   <li>{@code CollectDeadLetters}: the failures of every step, in one stream
 *   <li>{@code WriteClean}, {@code WriteQuarantine}, {@code WriteContaminated},
 *       {@code WriteDeadLetters}, {@code WriteFindings}: sharded JSONL
 *   <li>{@code WriteReport}: every tally added up into {@code report.json}, once all outputs are
 *       written
 *   <li>{@code WriteManifestAndCard}: the run manifest (output directory and manifests
 *       directory) and {@code MODEL_CARD.md}, once the report is written
 *   <li>{@code RunAuditEvents}, {@code WriteAuditEvents}: the run's events ({@code run_start}, one
 *       per stage from the report, {@code run_complete}) as hash-chained shards in the audit
 *       directory; the launcher seals them with a digest once the run is done
 * </ol>
 *
 * <p>Every input line ends in exactly one of clean, quarantine, contaminated or dead-letter (or is
 * blank), and the report checks it.
 */
public final class GovernancePipeline {

  private GovernancePipeline() {}

  /** Adds the run's steps to {@code p}. */
  public static void build(Pipeline p, RunPlan plan) {
    GovernanceSpec spec = plan.spec();
    int rawChars = spec.output().deadLetterRawChars();

    // 1. Read
    PCollectionTuple read = p.apply("ReadJsonl", ReadJsonl.from(plan.inputs())
        .withSplitBytes(spec.input().splitBytes())
        .withOneRangePerFile(oneRangePerFile(p.getOptions(), spec.input().splitBytes()))
        .withMaxRecordBytes(spec.input().maxRecordBytes()));

    // 2-4. Parse, scan (PII and secrets, one pass over each string) and mask: one ParDo, the
    // records going through the three steps in one call (ParseRecords.thenApply)
    List<RecordStep> steps = new ArrayList<>();
    if (spec.pii().enabled() || spec.secrets().enabled()) {
      steps.add(ScanRecords.create()
          .withPiiTypes(spec.pii().enabled() ? spec.pii().types() : List.of())
          .withPhoneRegions(spec.pii().phoneRegions())
          .withSecretTypes(spec.secrets().enabled() ? spec.secrets().types() : List.of())
          .withTextFields(spec.scan().textFields())
          .withFingerprintKey(plan.fingerprintKey())
          .withAllowlist(SecretAllowlist.of(spec.secrets().allow().patterns(),
              spec.secrets().allow().fingerprints()))
          .withDeadLetterRawChars(rawChars));
    }
    boolean maskPii = plan.masking() != null;
    steps.add(MaskPii.create()
        .withMasking(plan.masking())
        .withDeadLetterRawChars(rawChars));
    PCollectionTuple parsed = read.get(ReadJsonl.LINES).apply("ParseScanMask", ParseRecords.create()
        .withIdField(spec.input().idField())
        .withMaxRecordBytes(spec.input().maxRecordBytes())
        .withDeadLetterRawChars(rawChars)
        .thenApply(steps.toArray(new RecordStep[0])));
    List<PCollection<DeadLetter>> failures = new ArrayList<>();
    failures.add(parsed.get(Tags.DEAD_LETTERS));
    PCollection<JsonlRecord> records = parsed.get(Tags.RECORDS);

    // 5. Decontaminate
    PCollectionList<Tally> evalTallies = PCollectionList.empty(p);
    GovernanceSpec.Decontamination d = spec.decontamination();
    if (d.enabled()) {
      DecontamMethod method = DecontamMethod.fromName(d.method());
      PCollection<EvalIndex> index = p.apply("BuildEvalIndex",
          BuildEvalIndex.of(plan.evalSources())
              .withMethod(method)
              .withNgram(d.ngram())
              .withModel(d.model(), plan.modelId()));
      PCollectionView<EvalIndex> view = index.apply("EvalIndexView", View.asSingleton());
      evalTallies = evalTallies.and(index.apply("CountEvalItems",
          BuildEvalIndex.benchmarkSizes()));
      records = step(records, failures, "Decontaminate", Decontaminate.against(view)
          .withMethod(method)
          .withThreshold(d.threshold())
          .withModel(d.model())
          .withFields(d.fields())
          .withIdField(spec.input().idField())
          .withSkipRecordsWithSecrets(spec.secrets().policyValue() != SecretPolicy.REPORT)
          .withDeadLetterRawChars(rawChars));
    }

    // 6. Route
    PCollectionTuple routed = records.apply("RouteRecords", RouteRecords.create()
        .withPolicy(spec.secrets().policyValue())
        .withPiiMasked(maskPii)
        .withFindings(spec.output().findings()));

    // 7. Dead letters
    PCollectionTuple dead = PCollectionList.of(failures)
        .apply("CollectDeadLetters", CollectDeadLetters.create());

    // 8. Write
    List<PCollection<?>> written = new ArrayList<>();
    if (spec.output().records()) {
      written.add(write(routed.get(RouteRecords.CLEAN), "WriteClean", plan.outputDir("clean")));
      written.add(write(routed.get(RouteRecords.QUARANTINE), "WriteQuarantine",
          plan.outputDir("quarantine")));
      if (d.enabled()) {
        written.add(write(routed.get(RouteRecords.CONTAMINATED), "WriteContaminated",
            plan.outputDir("contaminated")));
      }
    }
    written.add(write(dead.get(CollectDeadLetters.LINES), "WriteDeadLetters",
        plan.outputDir("dead-letter")));
    if (spec.output().findings()) {
      written.add(write(routed.get(RouteRecords.FINDINGS), "WriteFindings",
          plan.outputDir("findings")));
    }

    // 9. Report
    PCollectionList<Tally> tallies = PCollectionList.of(read.get(ReadJsonl.TALLIES))
        .and(routed.get(RouteRecords.TALLIES))
        .and(dead.get(CollectDeadLetters.TALLIES))
        .and(evalTallies.getAll());
    PCollection<String> report = tallies.apply("WriteReport",
        WriteReport.of(plan.info()).after(written));

    // 10. Manifest and model card
    RunPlan.CardTarget card = plan.card();
    String actor = plan.audit() == null ? "provenir" : plan.audit().actor();
    PCollection<String> cardEvents = report.apply("WriteManifestAndCard",
        WriteManifestAndCard.of(plan.outputDir(), card.manifestDir(), card.model(),
            card.evalResults(), card.audit(), card.writeCard(), actor));

    // 11. Audit events
    if (plan.audit() != null) {
      RunInfo info = plan.info();
      PCollection<String> runEvents = report.apply("RunAuditEvents", RunAuditEvents.of(
          RunEvents.runStart(actor, plan.audit().startTime(), plan.runId(), info.pipeline(),
              info.runner(), info.provenirVersion(), info.configSha256(), info.inputPaths(),
              info.outputDir()), actor));
      PCollectionList.of(runEvents).and(cardEvents)
          .apply("AllAuditEvents", org.apache.beam.sdk.transforms.Flatten.pCollections())
          .apply("WriteAuditEvents", WriteAuditEvents.to(plan.audit().dir(), plan.runId(),
              plan.audit().hmacKey()));
    }
  }

  /**
   * Whether each file is read as one range. The Direct Runner starts every range at once and keeps
   * a block of each in flight per step, so there, at the default {@code split_bytes}, every file is
   * read as one range: the blocks of that one range keep every worker thread busy (reading is a
   * few per cent of the work; the steps after it run on all threads), and memory depends on the
   * number of files, not on their size. With a range per worker thread, as before, three 8 MiB
   * blocks per step were in flight and a 1 GiB heap was full: 6 full GCs and a third of the CPU
   * in G1 on 400 MB; one range per file ran 1.2x faster with no full GC. Lines of files larger than
   * {@code split_bytes} are still located by byte offset, as on other runners. Other runners
   * schedule ranges as slots free up and get ranges of the spec's size; so does the Direct Runner
   * when the spec sets a size other than the default (the user asked for ranges of that size).
   */
  static boolean oneRangePerFile(PipelineOptions options, long specSplitBytes) {
    return "DirectRunner".equals(options.getRunner().getSimpleName())
        && specSplitBytes == GovernanceSpec.Input.DEFAULT_SPLIT_BYTES;
  }

  private static PCollection<JsonlRecord> step(PCollection<JsonlRecord> records,
      List<PCollection<DeadLetter>> failures, String name,
      org.apache.beam.sdk.transforms.PTransform<PCollection<JsonlRecord>, PCollectionTuple> t) {
    PCollectionTuple out = records.apply(name, t);
    failures.add(out.get(Tags.DEAD_LETTERS));
    return out.get(Tags.RECORDS);
  }

  private static PCollection<?> write(PCollection<byte[]> lines, String name, String dir) {
    return lines.apply(name, WriteJsonl.to(dir));
  }

  /**
   * Beam-style entry point: {@code --spec}, {@code --input}, {@code --output}, {@code --runId},
   * {@code --overwrite} and any Beam pipeline option, e.g. for a Flink or Dataflow launcher.
   * Prints the run summary and exits with the codes of {@link ExitCodes}.
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, out, err));
  }

  /** {@link #main} without the exit: returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    PipelineOptionsFactory.register(ProvenirOptions.class);
    try {
      ProvenirOptions o = PipelineOptionsFactory.fromArgs(args).as(ProvenirOptions.class);
      List<String> beamArgs = Arrays.stream(args).filter(a -> !isProvenirOption(a)).toList();
      RunRequest req = new RunRequest(Path.of(o.getSpec()),
          o.getInput() == null ? List.of() : o.getInput(), o.getOutput(), o.getRunId(),
          o.getOverwrite(), null, RunnerConfig.directDefaults(), beamArgs, Path.of(""), null,
          o.getAuditDir(), null);
      return RunLauncher.runAndReport(req, out, err);
    } catch (IllegalArgumentException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  private static boolean isProvenirOption(String arg) {
    String name = RunnerConfig.optionName(arg);
    return List.of("spec", "input", "output", "runId", "overwrite", "auditDir").contains(name);
  }
}
