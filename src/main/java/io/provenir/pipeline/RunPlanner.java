package io.provenir.pipeline;

import io.provenir.audit.AuditDigest;
import io.provenir.audit.ChainHasher;
import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Embedder;
import io.provenir.decontam.Embedders;
import io.provenir.transforms.EvalSource;
import io.provenir.transforms.InputFile;

import io.provenir.Version;
import io.provenir.config.GovernanceSpec;
import io.provenir.config.RunnerConfig;
import io.provenir.config.SecretPolicy;
import io.provenir.config.SpecException;
import io.provenir.config.SpecLoader;
import io.provenir.pii.MaskOperator;
import io.provenir.pii.PiiMasking;
import io.provenir.pii.PiiType;
import io.provenir.record.Sensitive;
import io.provenir.report.RunInfo;
import io.provenir.secrets.Fingerprints;
import io.provenir.transforms.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link RunRequest} into a checked {@link RunPlan}, failing with a {@link SpecException}
 * (exit code 2) that names the key, flag or option at fault: spec errors, no inputs, inputs that
 * match nothing, an output directory in use, a bad run id, an unknown Beam option.
 */
public final class RunPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(RunPlanner.class);

  /** The outputs of a run, by directory name. */
  public static final List<String> OUTPUTS = List.of("clean", "quarantine", "contaminated",
      "dead-letter", "findings");

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunPlanner() {}

  public static RunPlan plan(RunRequest req) throws SpecException, IOException {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    GovernanceSpec spec = SpecLoader.load(req.workingDir().resolve(req.spec()));
    if (!req.inputs().isEmpty()) {
      spec = spec.withInputPaths(req.inputs());
    }
    if (req.output() != null) {
      spec = spec.withOutputDir(req.output());
    }
    if (req.secretsPolicy() != null) {
      SecretPolicy policy = SecretPolicy.fromName(req.secretsPolicy());
      if (policy == null) {
        throw new SpecException("--secrets-policy '" + req.secretsPolicy() + "' must be one of "
            + SecretPolicy.allowed());
      }
      spec = spec.withSecretPolicy(policy);
    }
    spec = applyDecontamOverrides(spec, req.decontamination());
    if (req.auditDir() != null || req.actor() != null) {
      spec = spec.withAudit(new GovernanceSpec.Audit(spec.audit().enabled(),
          req.auditDir() != null ? req.auditDir() : spec.audit().dir(),
          req.actor() != null ? req.actor() : spec.audit().actor()));
    }
    SpecLoader.validate(spec, "command line");
    if (spec.input().paths().isEmpty()) {
      throw new SpecException(req.spec() + ": no input: set 'input.paths' in the spec or pass"
          + " --input");
    }
    String runId = req.runId() == null ? newRunId(start) : req.runId();
    if (!RUN_ID.matcher(runId).matches()) {
      throw new SpecException("--run-id '" + runId + "': use 1-64 letters, digits, '.', '_' or"
          + " '-', starting with a letter or digit");
    }
    RunnerChecks.check(req.runnerConfig(), req.beamArgs(), spec);
    PipelineOptions options = parseOptions(req.runnerConfig(), req.beamArgs());
    if (req.beamArgs().stream().noneMatch(a -> RunnerConfig.optionName(a).equals("jobName"))
        && !req.runnerConfig().options().containsKey("jobName")) {
      options.setJobName("provenir-" + runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
    }
    FileSystems.setDefaultPipelineOptions(options);

    List<InputFile> inputs = InputResolver.resolve(spec.input().paths(), req.workingDir());
    String outputDir = OutputDirs.resolve(spec.output().dir(), runId, start, req.workingDir());
    OutputDirs.check(outputDir, req.overwrite()); // emptied last, when nothing can refuse the run

    GovernanceSpec.Decontamination d = spec.decontamination();
    List<EvalSource> evalSources = List.of();
    String modelId = null;
    RunInfo.Decontam decontam = RunInfo.Decontam.off();
    if (d.enabled()) {
      DecontamMethod method = DecontamMethod.fromName(d.method());
      Embedder embedder = method.semantic() ? Embedders.named(d.model()) : null;
      modelId = embedder == null ? null : embedder.modelId();
      evalSources = EvalSetResolver.resolve(d.evalSets(), embedder, req.workingDir());
      Map<String, String> sets = new LinkedHashMap<>();
      for (EvalSource s : evalSources) {
        sets.put(s.name(), s.embeddingSet() != null ? s.embeddingSet()
            : String.join(", ", s.files().stream().map(InputFile::source).toList()));
      }
      decontam = new RunInfo.Decontam(true, method.specName(), d.threshold(), d.ngram(), modelId,
          sets);
    }

    RunPlan.AuditTarget audit = null;
    if (spec.audit().enabled()) {
      String auditDir = OutputDirs.resolve(spec.audit().dir(), runId, start, req.workingDir());
      if (!InputResolver.hasScheme(auditDir)) {
        java.nio.file.Path local = java.nio.file.Path.of(auditDir);
        OutputDirs.checkCreatable(local, "audit.dir " + auditDir);
        if (java.nio.file.Files.isDirectory(local) && !java.nio.file.Files.isWritable(local)) {
          throw new SpecException("audit.dir " + auditDir + " is not writable");
        }
      }
      if (!InputResolver.hasScheme(auditDir)
          && AuditDigest.runExists(java.nio.file.Path.of(auditDir), runId)) {
        throw new SpecException("--run-id '" + runId + "': the audit trail " + auditDir
            + " already has a run with this id; run ids must not repeat");
      }
      String key = System.getenv(ChainHasher.KEY_ENV);
      if ((key == null || key.isEmpty()) && !InputResolver.hasScheme(auditDir)) {
        com.fasterxml.jackson.databind.node.ObjectNode newest =
            AuditDigest.latest(java.nio.file.Path.of(auditDir));
        if (newest != null && newest.path("hash").asText().startsWith("hmac-sha256:")) {
          // Unkeyed lines in a keyed trail are what a verifier with the key reports as forged.
          throw new SpecException("audit.dir " + auditDir + " is a keyed trail (its digests are"
              + " HMACs): set " + ChainHasher.KEY_ENV + " to its key for this run");
        }
      }
      audit = new RunPlan.AuditTarget(auditDir, actor(spec.audit().actor()),
          key == null || key.isEmpty() ? null : key, start);
    }

    RunPlan.CardTarget card = cardTarget(spec, runId, start, req.workingDir(), audit);

    Map<String, Long> sizes = new LinkedHashMap<>();
    inputs.forEach(f -> sizes.put(f.source(), f.sizeBytes()));
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String name : OUTPUTS) {
      if (name.equals("contaminated") && !d.enabled()) {
        continue;
      }
      if (spec.output().records()
          || !(name.equals("clean") || name.equals("quarantine") || name.equals("contaminated"))) {
        if (spec.output().findings() || !name.equals("findings")) {
          outputs.put(name, outputDir + name + "/");
        }
      }
    }
    String configJson = SpecLoader.toJson(spec).toString();
    RunInfo info = new RunInfo(runId, spec.name(), Version.get(),
        options.getRunner().getSimpleName(),
        start.toString(), spec.input().paths(), sizes, outputDir, outputs,
        spec.pii().enabled(), spec.pii().enabled() && spec.pii().mask(), spec.secrets().enabled(),
        spec.secrets().policy(), configJson, sha256(configJson), decontam);
    String fingerprintKey = Fingerprints.fromEnvironment().keyForWorkers();
    PiiMasking masking = masking(spec.pii(), System.getenv());
    java.nio.file.Path localAudit = audit == null || InputResolver.hasScheme(audit.dir()) ? null
        : java.nio.file.Path.of(audit.dir());
    if (localAudit != null && !AuditDigest.claim(localAudit, runId)) {
      // Checked above, and again now that nothing can refuse the run any more: atomically.
      throw new SpecException("--run-id '" + runId + "': the audit trail " + audit.dir()
          + " already has a run with this id (one started at the same time); run ids must not"
          + " repeat");
    }
    try {
      OutputDirs.prepare(outputDir, req.overwrite());
    } catch (SpecException | IOException e) {
      if (localAudit != null) {
        AuditDigest.unclaim(localAudit, runId); // the run never began
      }
      throw e;
    }
    return new RunPlan(runId, spec, inputs, outputDir, options, info, fingerprintKey, masking,
        evalSources, modelId, audit, card);
  }

  /** The manifest and card settings, checked: model fields, eval results. */
  static RunPlan.CardTarget cardTarget(GovernanceSpec spec, String runId, Instant start,
      java.nio.file.Path cwd, RunPlan.AuditTarget audit) throws SpecException, IOException {
    GovernanceSpec.ModelCardSpec mc = spec.modelCard();
    com.fasterxml.jackson.databind.JsonNode eval = null;
    if (mc.evalResults() != null) {
      java.nio.file.Path f = cwd.resolve(mc.evalResults());
      try {
        io.provenir.modelcard.EvalResults results = io.provenir.modelcard.EvalResults.load(f);
        if (mc.enabled()) {
          io.provenir.modelcard.ModelCardGenerator.checkModel(mc.model(), results);
        }
        eval = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
      } catch (io.provenir.modelcard.ModelCardException e) {
        throw new SpecException("model_card.eval_results: " + e.getMessage());
      }
    }
    com.fasterxml.jackson.databind.node.ObjectNode auditInfo = null;
    if (audit != null) {
      auditInfo = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      auditInfo.put("dir", audit.dir());
      auditInfo.put("events", "events-" + runId + "-*.jsonl");
      auditInfo.put("digest", "digest-" + runId + ".json");
      com.fasterxml.jackson.databind.node.ObjectNode prev = InputResolver.hasScheme(audit.dir())
          ? null : AuditDigest.latest(java.nio.file.Path.of(audit.dir()));
      if (prev == null) {
        auditInfo.putNull("previous_digest");
      } else {
        auditInfo.set("previous_digest", prev);
      }
    }
    String manifestDir = OutputDirs.resolve(mc.manifestDir(), runId, start, cwd);
    return new RunPlan.CardTarget(manifestDir, mc.model(), eval, auditInfo, mc.enabled());
  }

  /** The audit actor: the spec's, else {@code PROVENIR_ACTOR}, else the OS user. */
  static String actor(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String env = System.getenv("PROVENIR_ACTOR");
    if (env != null && !env.isBlank()) {
      return env;
    }
    return System.getProperty("user.name", "unknown");
  }

  /** The spec with the command line's decontamination flags applied. */
  static GovernanceSpec applyDecontamOverrides(GovernanceSpec spec, DecontamOverrides o)
      throws SpecException {
    GovernanceSpec.Decontamination d = spec.decontamination();
    List<GovernanceSpec.EvalSet> sets = d.evalSets();
    if (!o.evals().isEmpty()) {
      sets = new java.util.ArrayList<>();
      for (String e : o.evals()) {
        int eq = e.indexOf('=');
        if (eq <= 0 || eq == e.length() - 1) {
          throw new SpecException("--eval '" + e + "' must be NAME=PATH, e.g."
              + " --eval gsm8k=evals/gsm8k-test.jsonl");
        }
        sets.add(new GovernanceSpec.EvalSet(e.substring(0, eq), e.substring(eq + 1),
            o.evalField(), null));
      }
    } else if (o.evalField() != null) {
      sets = sets.stream().map(s -> new GovernanceSpec.EvalSet(s.name(), s.path(), o.evalField(),
          s.idField())).toList();
    }
    return spec.withDecontamination(new GovernanceSpec.Decontamination(
        o.method() != null ? o.method() : d.method(),
        o.threshold() != null ? o.threshold() : d.threshold(),
        o.ngram() != null ? o.ngram() : d.ngram(),
        d.fields(), d.model(), sets));
  }

  /**
   * The PII masking of a spec, or null when PII is not masked. The salt of {@code hash} and the
   * key of {@code pseudonymize} come from the spec or, by default, from the environment variables
   * it names; without a salt, {@code hash} gets a random one (hashes then match only within the
   * run).
   */
  static PiiMasking masking(GovernanceSpec.Pii pii, Map<String, String> env) {
    if (!pii.enabled() || !pii.mask()) {
      return null;
    }
    MaskOperator defaultOperator = MaskOperator.fromName(pii.operator());
    Map<PiiType, MaskOperator> operators = new EnumMap<>(PiiType.class);
    pii.operators().forEach((t, o) -> operators.put(PiiType.valueOf(t), MaskOperator.fromName(o)));
    boolean hashing = defaultOperator == MaskOperator.HASH
        || operators.containsValue(MaskOperator.HASH);
    String salt = pii.hashSalt() != null ? pii.hashSalt() : env.get(pii.hashSaltEnv());
    if (hashing && (salt == null || salt.isEmpty())) {
      byte[] r = new byte[32];
      new SecureRandom().nextBytes(r);
      salt = HexFormat.of().formatHex(r);
      // the variable's name, unless it is the salt itself put in the wrong key
      String var = pii.hashSaltEnv();
      boolean aName = var.matches("[A-Za-z_][A-Za-z0-9_]{0,63}") && !Sensitive.holdsFinding(var);
      LOG.warn("pii: no hash salt in the spec or {}; using a random salt, so hashes match only"
          + " within this run", aName ? "$" + var : "the variable pii.hash_salt_env names");
    }
    String key = pii.pseudonymKey() != null ? pii.pseudonymKey() : env.get(pii.pseudonymKeyEnv());
    return PiiMasking.of(defaultOperator, operators, pii.maskChar().charAt(0), pii.maskKeepLast(),
        salt, key);
  }

  /** Beam options from the runner config and the pass-through arguments. */
  static PipelineOptions parseOptions(RunnerConfig config, List<String> beamArgs)
      throws SpecException {
    for (String a : beamArgs) {
      if (!a.startsWith("--")) {
        throw new SpecException("Beam option " + (Sensitive.holdsFinding(a)
            ? "(an argument of " + a.length() + " chars)" : "'" + a + "'")
            + " after '--' must look like --name=value");
      }
    }
    List<String> args = new ArrayList<>(config.toArgs(beamArgs));
    Map<String, String> given = RunnerChecks.effective(config, beamArgs);
    if (RunnerChecks.simpleName(given.getOrDefault("runner", "DirectRunner")).equals("directrunner")
        && !given.containsKey("targetParallelism")) {
      args.add("--targetParallelism=" + directThreads(Runtime.getRuntime().availableProcessors()));
    }
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation()
          .create();
    } catch (IllegalArgumentException e) {
      String runner = given.get("runner");
      if (runner != null && String.valueOf(e.getMessage()).startsWith("Unknown 'runner'")) {
        throw new SpecException(RunnerChecks.unknownRunner(runner, e.getMessage()));
      }
      String culprit = firstBadOption(args);
      String repeated = culprit != null ? null : repeatedOption(args);
      if (repeated != null) {
        throw new SpecException("Beam pipeline option '--" + repeated + "' is given twice after"
            + " '--'; give it once");
      }
      throw new SpecException("invalid Beam pipeline option "
          + (culprit != null ? "'" + shownArg(culprit) + "' " : "") + "(from "
          + (config.source().equals("built-in") ? "" : config.source() + " or ")
          + "the arguments after '--'): "
          + withoutSensitiveValues(firstLine(e.getMessage()), args));
    }
  }

  /**
   * {@code --name=value} as given, or with the value described by its length when a detector
   * finds PII or a secret in it (a credential from {@code ${ENV}} in a runner config, given to the
   * wrong option): error messages reach the console and the audit trail.
   */
  static String shownArg(String arg) {
    int eq = arg.indexOf('=');
    if (eq < 0 || !Sensitive.holdsFinding(arg.substring(eq + 1))) {
      return arg;
    }
    return arg.substring(0, eq) + "=(a value of " + (arg.length() - eq - 1) + " chars)";
  }

  /**
   * {@code message} with each option value in {@code args} that holds a finding left out: from
   * where the value (or its first 16 chars: Jackson quotes a long value cut short) begins, to the
   * quote that ends it or the end of the message.
   */
  static String withoutSensitiveValues(String message, List<String> args) {
    for (String a : args) {
      int eq = a.indexOf('=');
      String value = eq < 0 ? "" : a.substring(eq + 1);
      if (value.isEmpty() || !Sensitive.holdsFinding(value)) {
        continue;
      }
      String start = value.substring(0, Math.min(16, value.length()));
      for (int at = message.indexOf(start); at >= 0; at = message.indexOf(start, at + 1)) {
        int end = message.startsWith(value, at) ? at + value.length() : message.indexOf('"', at);
        message = message.substring(0, at) + "(the value given)"
            + (end < 0 ? "" : message.substring(end));
      }
    }
    return message;
  }

  /** The name of the first option given more than once in {@code args}, or null. */
  private static String repeatedOption(List<String> args) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String a : args) {
      String name = RunnerConfig.optionName(a);
      if (!seen.add(name)) {
        return name;
      }
    }
    return null;
  }

  /**
   * The first of {@code args} that Beam refuses on its own (a value of the wrong type says which
   * type, but not which option), or null when each parses alone (a validation across options).
   */
  private static String firstBadOption(List<String> args) {
    for (String a : args) {
      try {
        PipelineOptionsFactory.fromArgs(a).create();
      } catch (IllegalArgumentException e) {
        return a;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    String m = String.valueOf(s);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  /**
   * The Direct Runner's worker threads when the user sets none: one per core, but at least two.
   * Beam's own default is at least three; on a two-core machine the third thread only competes
   * with the other two, the JIT and the collector (1 GB, three alternating runs: 25.9 s with
   * three threads, 24.3 s with two, 26.1 s with four). From three cores on both agree.
   */
  static int directThreads(int cores) {
    return Math.max(2, cores);
  }

  static String newRunId(Instant start) {
    byte[] r = new byte[3];
    new SecureRandom().nextBytes(r);
    return RUN_ID_TIME.format(start) + "-" + HexFormat.of().formatHex(r);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
