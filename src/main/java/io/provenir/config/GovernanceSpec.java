package io.provenir.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.provenir.pii.MaskOperator;
import io.provenir.pii.PhoneDetector;
import io.provenir.pii.PiiType;
import io.provenir.secrets.SecretDetectors;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A governance pipeline spec, as in {@code pipelines/governance.yaml}. Every key is optional except
 * {@code input.paths} (which the command line may supply); missing keys take the defaults below.
 *
 * @param version spec format version; only 1 exists
 * @param name a name for the pipeline, shown in reports
 * @param description free text
 * @param input what to read
 * @param scan which fields to scan
 * @param pii PII detection and masking
 * @param secrets secret detection and the policy for records that hold one
 * @param decontamination removing training records that leak an eval set
 * @param output where and what to write
 * @param audit the audit trail
 * @param modelCard the run manifest and the model card
 */
@JsonPropertyOrder({"version", "name", "description", "input", "scan", "pii", "secrets",
    "decontamination", "output", "audit", "model_card"})
public record GovernanceSpec(
    Integer version,
    String name,
    String description,
    Input input,
    Scan scan,
    Pii pii,
    Secrets secrets,
    Decontamination decontamination,
    Output output,
    Audit audit,
    ModelCardSpec modelCard) {

  public static final int CURRENT_VERSION = 1;

  public GovernanceSpec {
    version = version == null ? CURRENT_VERSION : version;
    name = name == null ? "governance" : name;
    description = description == null ? "" : description;
    input = input == null ? new Input(null, null, null, null) : input;
    scan = scan == null ? new Scan(null) : scan;
    pii = pii == null ? Pii.defaults() : pii;
    secrets = secrets == null ? new Secrets(null, null, null, null) : secrets;
    decontamination = decontamination == null ? Decontamination.defaults() : decontamination;
    output = output == null ? new Output(null, null, null, null) : output;
    audit = audit == null ? new Audit(null, null, null) : audit;
    modelCard = modelCard == null ? new ModelCardSpec(null, null, null, null) : modelCard;
  }

  /** A spec with every default. */
  public static GovernanceSpec defaults() {
    return new GovernanceSpec(null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * @param paths JSONL files or globs, plain or compressed (.gz, .bz2, .zst, ...); local paths or
   *     any scheme a Beam filesystem on the classpath serves
   * @param idField the field (or JSON Pointer) that holds a record's id; records without one are
   *     named {@code <file>:<line>} or {@code <file>@<offset>}
   * @param maxRecordBytes longer lines go to dead-letter as {@code too_large}
   * @param splitBytes uncompressed files larger than this are read in parallel ranges of this size
   *     (their records are located by byte offset instead of line number)
   */
  @JsonPropertyOrder({"paths", "id_field", "max_record_bytes", "split_bytes"})
  public record Input(List<String> paths, String idField, Long maxRecordBytes, Long splitBytes) {
    /** The default {@code split_bytes}: 64 MiB. */
    public static final long DEFAULT_SPLIT_BYTES = 64L << 20;

    public Input {
      paths = paths == null ? List.of() : List.copyOf(paths);
      idField = idField == null ? "id" : idField;
      maxRecordBytes = maxRecordBytes == null ? 1L << 20 : maxRecordBytes;
      splitBytes = splitBytes == null ? DEFAULT_SPLIT_BYTES : splitBytes;
    }
  }

  /** @param textFields JSON Pointers of the fields to scan; empty means every string value */
  public record Scan(List<String> textFields) {
    public Scan {
      textFields = textFields == null ? List.of() : List.copyOf(textFields);
    }
  }

  /**
   * @param enabled scan for PII
   * @param types the PII types to detect
   * @param mask replace PII in the outputs (with {@code operator}/{@code operators})
   * @param phoneRegions regions whose numbering plans national phone numbers are checked against
   * @param operator how PII is replaced: {@code replace} ({@code [EMAIL]}), {@code redact},
   *     {@code mask}, {@code hash} or {@code pseudonymize}
   * @param operators per-type operators, e.g. {@code {CREDIT_CARD: mask}}
   * @param maskChar the character {@code mask} writes
   * @param maskKeepLast how many trailing letters or digits {@code mask} keeps
   * @param hashSalt the salt of {@code hash}; prefer {@code hash_salt_env}. Never written out.
   * @param hashSaltEnv the environment variable holding the salt of {@code hash}
   * @param pseudonymKey the key of {@code pseudonymize}; prefer {@code pseudonym_key_env}
   * @param pseudonymKeyEnv the environment variable holding the key of {@code pseudonymize}
   */
  @JsonPropertyOrder({"enabled", "types", "mask", "phone_regions", "operator", "operators",
      "mask_char", "mask_keep_last", "hash_salt", "hash_salt_env", "pseudonym_key",
      "pseudonym_key_env"})
  public record Pii(Boolean enabled, List<String> types, Boolean mask, List<String> phoneRegions,
      String operator, Map<String, String> operators, String maskChar, Integer maskKeepLast,
      String hashSalt, String hashSaltEnv, String pseudonymKey, String pseudonymKeyEnv) {
    public Pii {
      enabled = enabled == null ? Boolean.TRUE : enabled;
      types = types == null ? PiiType.names() : List.copyOf(types);
      mask = mask == null ? Boolean.TRUE : mask;
      phoneRegions = phoneRegions == null ? PhoneDetector.DEFAULT_REGIONS
          : List.copyOf(phoneRegions);
      operator = operator == null ? MaskOperator.REPLACE.specName() : operator;
      operators = operators == null ? Map.of() : new TreeMap<>(operators);
      maskChar = maskChar == null ? "*" : maskChar;
      maskKeepLast = maskKeepLast == null ? 4 : maskKeepLast;
      hashSaltEnv = hashSaltEnv == null ? "PROVENIR_HASH_SALT" : hashSaltEnv;
      pseudonymKeyEnv = pseudonymKeyEnv == null ? "PROVENIR_PSEUDONYM_KEY" : pseudonymKeyEnv;
    }

    static Pii defaults() {
      return new Pii(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This section with the salt and key replaced by {@code ***}: safe to write out. */
    public Pii withoutKeys() {
      return new Pii(enabled, types, mask, phoneRegions, operator, operators, maskChar,
          maskKeepLast, hashSalt == null ? null : "***", hashSaltEnv,
          pseudonymKey == null ? null : "***", pseudonymKeyEnv);
    }
  }

  /**
   * @param enabled scan for secrets
   * @param types the secret types to detect (default: every type)
   * @param policy what happens to a record with a secret: {@code quarantine}, {@code fail} or
   *     {@code report}
   * @param allow values that are not secrets: patterns and reviewed fingerprints
   */
  @JsonPropertyOrder({"enabled", "types", "policy", "allow"})
  public record Secrets(Boolean enabled, List<String> types, String policy, Allow allow) {
    public Secrets {
      enabled = enabled == null ? Boolean.TRUE : enabled;
      types = types == null ? SecretDetectors.types() : List.copyOf(types);
      policy = policy == null ? SecretPolicy.QUARANTINE.specName() : policy;
      allow = allow == null ? new Allow(null, null) : allow;
    }

    /** The policy; the spec must have been validated. */
    public SecretPolicy policyValue() {
      return SecretPolicy.valueOf(policy.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * The user's allowlist of secrets.
   *
   * @param patterns regular expressions; a found value in which one is found is not a secret
   * @param fingerprints fingerprints (from findings/) of secrets reviewed and accepted
   */
  public record Allow(List<String> patterns, List<String> fingerprints) {
    public Allow {
      patterns = patterns == null ? List.of() : List.copyOf(patterns);
      fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
    }
  }

  /**
   * @param dir the run's output directory; {@code {run_id}} and {@code {date}} (UTC, yyyy-MM-dd)
   *     are replaced
   * @param records write the records (clean/ and quarantine/); false for an audit that only
   *     reports (findings/, dead-letter/ and report.json are still written, every line is counted)
   * @param findings write findings/ (one line per finding)
   * @param deadLetterRawChars how much of a dead-letter line to keep, after redaction
   */
  @JsonPropertyOrder({"dir", "records", "findings", "dead_letter_raw_chars"})
  public record Output(String dir, Boolean records, Boolean findings, Integer deadLetterRawChars) {
    public Output {
      dir = dir == null ? "artifacts/runs/{run_id}" : dir;
      records = records == null ? Boolean.TRUE : records;
      findings = findings == null ? Boolean.TRUE : findings;
      deadLetterRawChars = deadLetterRawChars == null ? 1024 : deadLetterRawChars;
    }
  }

  /** The library's default threshold; the shipped spec sets its own, calibrated value. */
  public static final double DEFAULT_THRESHOLD = 0.90;

  /**
   * @param method {@code both} (default), {@code semantic}, {@code ngram} or {@code off}
   * @param threshold cosine similarity at or above which a record matches an eval item
   * @param ngram word n-gram size of the n-gram method
   * @param fields JSON Pointers of the training fields compared; empty: every string value
   * @param model the embedding model
   * @param evalSets the eval sets; none means no decontamination
   */
  @JsonPropertyOrder({"method", "threshold", "ngram", "fields", "model", "eval_sets"})
  public record Decontamination(String method, Double threshold, Integer ngram,
      List<String> fields, String model, List<EvalSet> evalSets) {
    public Decontamination {
      method = method == null ? "both" : method;
      threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
      ngram = ngram == null ? 13 : ngram;
      fields = fields == null ? List.of() : List.copyOf(fields);
      model = model == null ? "all-minilm-l6-v2-q" : model;
      evalSets = evalSets == null ? List.of() : List.copyOf(evalSets);
    }

    static Decontamination defaults() {
      return new Decontamination(null, null, null, null, null, null);
    }

    /** Whether records are checked at all: a method other than {@code off} and an eval set. */
    public boolean enabled() {
      return !"off".equalsIgnoreCase(method) && !evalSets.isEmpty();
    }
  }

  /**
   * @param name the benchmark's name in outputs and reports
   * @param path JSONL files, globs or directories of eval items, or an eval embedding set made
   *     by {@code provenir embed} (a directory with {@code meta.json})
   * @param field the item text's field name or JSON Pointer; default: the first of
   *     {@code /question}, {@code /prompt}, {@code /text}
   * @param idField the item id's field; items without one are named {@code <file>:<line>}
   */
  @JsonPropertyOrder({"name", "path", "field", "id_field"})
  public record EvalSet(String name, String path, String field, String idField) {
    public EvalSet {
      idField = idField == null ? "id" : idField;
    }
  }

  /**
   * @param enabled write the run's events to the audit trail
   * @param dir the audit directory (shared by all runs); {@code {date}} is not replaced here
   * @param actor who the events name as actor; default {@code PROVENIR_ACTOR} or the OS user
   */
  @JsonPropertyOrder({"enabled", "dir", "actor"})
  public record Audit(Boolean enabled, String dir, String actor) {
    public Audit {
      enabled = enabled == null ? Boolean.TRUE : enabled;
      dir = dir == null ? "artifacts/audit" : dir;
    }
  }

  public GovernanceSpec withDecontamination(Decontamination d) {
    return new GovernanceSpec(version, name, description, input, scan, pii, secrets, d, output,
        audit, modelCard);
  }

  /**
   * @param enabled write {@code MODEL_CARD.md} into the run's output directory as its last step
   * @param manifestDir where every run's manifest goes ({@code <run_id>.json}; a copy is always
   *     written into the output directory)
   * @param evalResults eval results for the card (JSON), or null for a card without them
   * @param model the model fields of the manifest and card: name, description, base_model,
   *     license, license_name, license_link, language, tags, datasets, intended_uses,
   *     out_of_scope_uses, limitations, training_config
   */
  @JsonPropertyOrder({"enabled", "manifest_dir", "eval_results", "model"})
  public record ModelCardSpec(Boolean enabled, String manifestDir, String evalResults,
      com.fasterxml.jackson.databind.node.ObjectNode model) {
    public ModelCardSpec {
      enabled = enabled == null ? Boolean.TRUE : enabled;
      manifestDir = manifestDir == null ? "artifacts/manifests" : manifestDir;
      model = model == null ? new com.fasterxml.jackson.databind.ObjectMapper()
          .createObjectNode() : model;
    }
  }

  public GovernanceSpec withModelCard(ModelCardSpec m) {
    return new GovernanceSpec(version, name, description, input, scan, pii, secrets,
        decontamination, output, audit, m);
  }

  public GovernanceSpec withAudit(Audit a) {
    return new GovernanceSpec(version, name, description, input, scan, pii, secrets,
        decontamination, output, a, modelCard);
  }

  public GovernanceSpec withInputPaths(List<String> paths) {
    return new GovernanceSpec(version, name, description,
        new Input(paths, input.idField(), input.maxRecordBytes(), input.splitBytes()),
        scan, pii, secrets, decontamination, output, audit, modelCard);
  }

  public GovernanceSpec withOutputDir(String dir) {
    return new GovernanceSpec(version, name, description, input, scan, pii, secrets,
        decontamination,
        new Output(dir, output.records(), output.findings(), output.deadLetterRawChars()), audit,
        modelCard);
  }

  /** This spec with the PII salt and key replaced by {@code ***}: safe to write out. */
  public GovernanceSpec withoutKeys() {
    return new GovernanceSpec(version, name, description, input, scan, pii.withoutKeys(), secrets,
        decontamination, output, audit, modelCard);
  }

  public GovernanceSpec withSecretPolicy(SecretPolicy policy) {
    return new GovernanceSpec(version, name, description, input, scan, pii,
        new Secrets(secrets.enabled(), secrets.types(), policy.specName(), secrets.allow()),
        decontamination, output, audit, modelCard);
  }
}
