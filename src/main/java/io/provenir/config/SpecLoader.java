package io.provenir.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Embedders;
import io.provenir.pii.MaskOperator;
import io.provenir.pii.PhoneDetector;
import io.provenir.pii.PiiDetectors;
import io.provenir.secrets.SecretAllowlist;
import io.provenir.secrets.SecretDetectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads and validates {@link GovernanceSpec}s strictly: an unknown key, a value of the wrong type
 * or out of range fails with the file, the key's dotted path and, where known, the line.
 */
public final class SpecLoader {

  static final ObjectMapper YAML = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      // A number where a string goes is a mistake to name, not a string to make ('name: 42',
      // 'policy: 3'); quoted, it is a string. (YAML words such as off and yes stay strings there:
      // 'method: off' is how the docs turn decontamination off.)
      .withCoercionConfig(com.fasterxml.jackson.databind.type.LogicalType.Textual, c -> c
          .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
              com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
          .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
              com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
      .build();

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private SpecLoader() {}

  /** Reads and validates the spec at {@code file}. */
  public static GovernanceSpec load(Path file) throws SpecException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(file + ": pipeline spec not found");
    } catch (IOException e) {
      throw new SpecException(file + ": cannot read pipeline spec (" + e.getMessage() + ")");
    }
    return parse(text, file.toString());
  }

  /** Parses and validates spec text; {@code name} is used in messages. */
  public static GovernanceSpec parse(String yaml, String name) throws SpecException {
    if (yaml.isBlank()) {
      throw new SpecException(name + ": the spec is empty");
    }
    GovernanceSpec spec;
    try {
      spec = YAML.readValue(yaml, GovernanceSpec.class);
    } catch (JsonProcessingException e) {
      throw new SpecException(describe(e, name, yaml));
    }
    if (spec == null) {
      throw new SpecException(name + ": the spec is empty");
    }
    validate(spec, name);
    return spec;
  }

  /** Checks every value; throws listing each bad key with what is allowed. */
  public static void validate(GovernanceSpec spec, String name) throws SpecException {
    List<String> errors = new ArrayList<>();
    if (spec.version() != GovernanceSpec.CURRENT_VERSION) {
      errors.add("'version' must be " + GovernanceSpec.CURRENT_VERSION + ", not " + spec.version());
    }
    GovernanceSpec.Input in = spec.input();
    for (int i = 0; i < in.paths().size(); i++) {
      String p = in.paths().get(i);
      if (p == null || p.isBlank()) {
        errors.add("'input.paths[" + i + "]' is empty");
      }
    }
    if (in.maxRecordBytes() < 16 || in.maxRecordBytes() > 512L << 20) {
      errors.add("'input.max_record_bytes' must be between 16 and 536870912, not "
          + in.maxRecordBytes());
    }
    if (in.splitBytes() < 1024) {
      errors.add("'input.split_bytes' must be at least 1024, not " + in.splitBytes());
    }
    for (int i = 0; i < spec.scan().textFields().size(); i++) {
      String p = spec.scan().textFields().get(i);
      if (p == null || !p.startsWith("/")) {
        errors.add("'scan.text_fields[" + i + "]' must be a JSON Pointer starting with '/'"
            + " (e.g. /prompt or /messages/*/content), not '" + p + "'");
      }
    }
    checkTypes(errors, "pii.types", spec.pii().types(), true);
    checkMasking(errors, spec.pii());
    checkTypes(errors, "secrets.types", spec.secrets().types(), false);
    if (SecretPolicy.fromName(spec.secrets().policy()) == null) {
      errors.add("'secrets.policy' must be one of " + SecretPolicy.allowed() + ", not '"
          + spec.secrets().policy() + "'");
    }
    try {
      SecretAllowlist.of(spec.secrets().allow().patterns(), spec.secrets().allow().fingerprints());
    } catch (IllegalArgumentException e) {
      errors.add("'secrets.allow.patterns': " + e.getMessage());
    }
    for (int i = 0; i < spec.secrets().allow().fingerprints().size(); i++) {
      if (!spec.secrets().allow().fingerprints().get(i).matches("[0-9a-f]{16}")) {
        errors.add("'secrets.allow.fingerprints[" + i + "]' must be 16 hex digits as in"
            + " findings/, not '" + spec.secrets().allow().fingerprints().get(i) + "'");
      }
    }
    checkDecontamination(errors, spec.decontamination());
    if (spec.audit().dir().isBlank()) {
      errors.add("'audit.dir' is empty");
    }
    if (spec.audit().actor() != null && (spec.audit().actor().isBlank()
        || spec.audit().actor().length() > 256)) {
      errors.add("'audit.actor' must be 1-256 characters");
    }
    try {
      io.provenir.modelcard.ModelCardGenerator.checkModel(spec.modelCard().model());
    } catch (io.provenir.modelcard.ModelCardException e) {
      errors.add("'model_card.model': " + e.getMessage());
    }
    if (spec.modelCard().manifestDir().isBlank()) {
      errors.add("'model_card.manifest_dir' is empty");
    }
    if (spec.output().dir().isBlank()) {
      errors.add("'output.dir' is empty");
    }
    int raw = spec.output().deadLetterRawChars();
    if (raw < 0 || raw > 1_000_000) {
      errors.add("'output.dead_letter_raw_chars' must be between 0 and 1000000, not " + raw);
    }
    if (!errors.isEmpty()) {
      throw new SpecException(name + ": " + String.join("; ", errors));
    }
  }

  private static final java.util.regex.Pattern BENCHMARK_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static void checkDecontamination(List<String> errors,
      GovernanceSpec.Decontamination d) {
    if (!"off".equalsIgnoreCase(d.method()) && DecontamMethod.fromName(d.method()) == null) {
      errors.add("'decontamination.method' must be one of " + DecontamMethod.allowed()
          + " or off, not '" + d.method() + "'");
    }
    if (!(d.threshold() > 0 && d.threshold() <= 1)) {
      errors.add("'decontamination.threshold' must be above 0 and at most 1, not "
          + d.threshold());
    }
    if (d.ngram() < 1 || d.ngram() > 64) {
      errors.add("'decontamination.ngram' must be between 1 and 64, not " + d.ngram());
    }
    for (int i = 0; i < d.fields().size(); i++) {
      String p = d.fields().get(i);
      if (p == null || !p.startsWith("/")) {
        errors.add("'decontamination.fields[" + i + "]' must be a JSON Pointer starting with"
            + " '/' (e.g. /prompt or /messages/*/content), not '" + p + "'");
      }
    }
    if (!Embedders.exists(d.model())) {
      errors.add("'decontamination.model': unknown model '" + d.model() + "'; available: "
          + String.join(", ", Embedders.names()));
    }
    Collection<String> names = new HashSet<>();
    for (int i = 0; i < d.evalSets().size(); i++) {
      GovernanceSpec.EvalSet e = d.evalSets().get(i);
      String key = "'decontamination.eval_sets[" + i + "]";
      if (e == null) {
        errors.add(key + "' is empty");
        continue;
      }
      if (e.name() == null || !BENCHMARK_NAME.matcher(e.name()).matches()) {
        errors.add(key + ".name' must be 1-64 letters, digits, '.', '_' or '-', not '"
            + e.name() + "'");
      } else if (!names.add(e.name())) {
        errors.add(key + ".name': '" + e.name() + "' names two eval sets");
      }
      if (e.path() == null || e.path().isBlank()) {
        errors.add(key + ".path' is empty");
      }
      if (e.field() != null && e.field().isBlank()) {
        errors.add(key + ".field' is empty");
      }
    }
  }

  private static void checkMasking(List<String> errors, GovernanceSpec.Pii pii) {
    for (int i = 0; i < pii.phoneRegions().size(); i++) {
      String r = pii.phoneRegions().get(i);
      if (!PhoneDetector.isSupportedRegion(r)) {
        errors.add("'pii.phone_regions[" + i + "]': '" + r + "' is not a region code (use ISO"
            + " 3166 codes such as US, GB, DE; the United Kingdom is GB)");
      }
    }
    if (MaskOperator.fromName(pii.operator()) == null) {
      errors.add("'pii.operator' must be one of " + MaskOperator.allowed() + ", not '"
          + pii.operator() + "'");
    }
    for (Map.Entry<String, String> e : pii.operators().entrySet()) {
      try {
        PiiDetectors.parse(e.getKey());
      } catch (IllegalArgumentException x) {
        errors.add("'pii.operators." + e.getKey() + "': " + x.getMessage());
      }
      if (MaskOperator.fromName(e.getValue()) == null) {
        errors.add("'pii.operators." + e.getKey() + "' must be one of " + MaskOperator.allowed()
            + ", not '" + e.getValue() + "'");
      }
    }
    if (pii.maskChar().length() != 1) {
      errors.add("'pii.mask_char' must be one character, not '" + pii.maskChar() + "'");
    } else if (Character.isLetterOrDigit(pii.maskChar().charAt(0))) {
      // 10.0.0.1 masked with '9' is 90.0.0.1, another address: what mask writes must not be
      // found again
      errors.add("'pii.mask_char' must not be a letter or digit, not '" + pii.maskChar() + "'");
    }
    if (pii.maskKeepLast() < 0 || pii.maskKeepLast() > 32) {
      errors.add("'pii.mask_keep_last' must be between 0 and 32, not " + pii.maskKeepLast());
    }
  }

  private static void checkTypes(List<String> errors, String key, List<String> types, boolean pii) {
    Collection<String> seen = new HashSet<>();
    for (int i = 0; i < types.size(); i++) {
      String t = types.get(i);
      try {
        if (pii) {
          PiiDetectors.parse(t);
        } else {
          SecretDetectors.parse(t);
        }
      } catch (IllegalArgumentException e) {
        errors.add("'" + key + "[" + i + "]': " + e.getMessage());
      }
      if (!seen.add(t)) {
        errors.add("'" + key + "' lists " + t + " twice");
      }
    }
  }

  /**
   * The spec with defaults filled in, as JSON (for reports and the config hash); a salt or key
   * given in the spec is written as {@code ***}.
   */
  public static JsonNode toJson(GovernanceSpec spec) {
    return JSON.valueToTree(spec.withoutKeys());
  }

  /** A one-line explanation of a YAML or mapping error, naming the key and line. */
  static String describe(JsonProcessingException e, String name, String yaml) {
    if (e instanceof JsonMappingException && e.getCause() instanceof StreamReadException syntax) {
      e = syntax; // a YAML syntax error met while mapping a value
    }
    JsonLocation loc = e.getLocation();
    int jacksonLine = loc != null && loc.getLineNr() > 0 ? loc.getLineNr() : -1;
    if (e instanceof UnrecognizedPropertyException u) {
      List<JsonMappingException.Reference> parentPath = u.getPath().subList(0,
          u.getPath().size() - 1);
      String parent = keyPath(parentPath);
      String key = parent.isEmpty() ? u.getPropertyName() : parent + "." + u.getPropertyName();
      String allowed = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      int line = YamlLines.lineOf(yaml, u.getPath());
      return name + ": unknown key '" + key + "'" + atLine(line > 0 ? line : jacksonLine)
          + (allowed.isEmpty() ? "" : "; allowed " + (parent.isEmpty() ? "top-level keys"
              : "keys under '" + parent + "'") + ": " + allowed);
    }
    if (e instanceof MismatchedInputException top && top.getPath().isEmpty()
        && top.getTargetType() == GovernanceSpec.class) {
      return name + ": a pipeline spec is a mapping of keys (input:, pii:, secrets:, ...), not a"
          + " list or a single value" + atLine(jacksonLine);
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String key = keyPath(m.getPath());
      String expected = e instanceof MismatchedInputException mi && mi.getTargetType() != null
          ? typeName(mi.getTargetType())
          : "another kind of value";
      int line = YamlLines.lineOf(yaml, m.getPath());
      // the salt and key of hash and pseudonymize are secrets: never echoed
      String value = line > 0 && !key.endsWith("salt") && !key.endsWith("_key")
          ? YamlLines.valueAt(yaml, line) : "";
      return name + ": '" + key + "' must be " + expected
          + (value.isEmpty() ? "" : ", not '" + value + "'")
          + atLine(line > 0 ? line : jacksonLine);
    }
    String msg = e.getOriginalMessage();
    if (msg != null) {
      int nl = msg.indexOf('\n');
      msg = nl > 0 ? msg.substring(0, nl) : msg;
      if (msg.startsWith("Malformed numeric value ")) { // YAML's .nan and .inf
        return name + ": the value " + msg.substring("Malformed numeric value ".length())
            + atLine(jacksonLine) + " is not a finite number";
      }
      if (msg.startsWith("Duplicate field ")) { // the last copy would silently win
        return name + ": the key " + msg.substring("Duplicate field ".length())
            + " appears twice in one mapping" + atLine(jacksonLine);
      }
    }
    return name + ": not valid YAML" + atLine(jacksonLine) + (msg == null ? "" : ": " + msg);
  }

  private static String atLine(int line) {
    return line > 0 ? " (line " + line + ")" : "";
  }

  private static String typeName(Class<?> t) {
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    if (t == Integer.class || t == Long.class || t == int.class || t == long.class) {
      return "a whole number";
    }
    if (t == String.class) {
      return "a string";
    }
    if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
      return "a number";
    }
    if (List.class.isAssignableFrom(t)) {
      return "a list";
    }
    return "a mapping of keys";
  }

  static String keyPath(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
