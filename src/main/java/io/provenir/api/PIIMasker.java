package io.provenir.api;

import io.provenir.pii.MaskOperator;
import io.provenir.pii.PiiMasking;
import io.provenir.pii.PiiType;
import io.provenir.record.Finding;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordRedactor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Masks PII in datasets with the pipeline's masking code: typed placeholders by default, or any
 * {@link MaskOperator} per type. Only the bytes of each value change. Immutable and thread-safe.
 *
 * <pre>{@code
 * JsonlDataset masked = new PIIMasker()
 *     .withOperator("CREDIT_CARD", MaskOperator.MASK)
 *     .mask(dataset);
 * masked.save(Path.of("clean.jsonl"));
 * }</pre>
 */
public final class PIIMasker {

  private final PIIScanner scanner;
  private final MaskOperator defaultOperator;
  private final Map<PiiType, MaskOperator> operators;
  private final String hashSalt;
  private final String pseudonymKey;

  /** Typed placeholders ({@code [EMAIL]}) for every type found by a default {@link PIIScanner}. */
  public PIIMasker() {
    this(new PIIScanner(), MaskOperator.REPLACE, Map.of(), null, null);
  }

  private PIIMasker(PIIScanner scanner, MaskOperator defaultOperator,
      Map<PiiType, MaskOperator> operators, String hashSalt, String pseudonymKey) {
    this.scanner = scanner;
    this.defaultOperator = defaultOperator;
    this.operators = operators.isEmpty() ? Map.of() : new EnumMap<>(operators);
    this.hashSalt = hashSalt;
    this.pseudonymKey = pseudonymKey;
  }

  /** Finds PII with {@code scanner} (its types, fields and phone regions). */
  public PIIMasker withScanner(PIIScanner scanner) {
    return new PIIMasker(scanner, defaultOperator, operators, hashSalt, pseudonymKey);
  }

  /** The operator of every type without one of its own. */
  public PIIMasker withOperator(MaskOperator operator) {
    java.util.Objects.requireNonNull(operator, "operator");
    return new PIIMasker(scanner, operator, operators, hashSalt, pseudonymKey);
  }

  /** The operator of one type (e.g. {@code CREDIT_CARD}). */
  public PIIMasker withOperator(String type, MaskOperator operator) {
    Map<PiiType, MaskOperator> m = new EnumMap<>(PiiType.class);
    m.putAll(operators);
    m.put(io.provenir.pii.PiiDetectors.parse(type),
        java.util.Objects.requireNonNull(operator, "operator"));
    return new PIIMasker(scanner, defaultOperator, m, hashSalt, pseudonymKey);
  }

  /** The salt of {@link MaskOperator#HASH}. */
  public PIIMasker withHashSalt(String salt) {
    return new PIIMasker(scanner, defaultOperator, operators, salt, pseudonymKey);
  }

  /** The key of {@link MaskOperator#PSEUDONYMIZE}: stable pseudonyms across records and runs. */
  public PIIMasker withPseudonymKey(String key) {
    return new PIIMasker(scanner, defaultOperator, operators, hashSalt, key);
  }

  /**
   * {@code dataset} with PII masked, computed as records stream by.
   *
   * @throws IllegalArgumentException when {@code hash} is used without a salt
   */
  public JsonlDataset mask(JsonlDataset dataset) {
    RecordRedactor redactor = new RecordRedactor(PiiMasking.of(defaultOperator, operators, '*', 4,
        hashSalt, pseudonymKey));
    return dataset.map(masked -> {
      JsonlRecord r = masked.outputAsRaw();
      List<Finding> f = scanner.findings(new DatasetRecord(r));
      return f.isEmpty() ? r : r.withOutput(redactor.redact(r.raw(), r.leaves(), f));
    });
  }

}
