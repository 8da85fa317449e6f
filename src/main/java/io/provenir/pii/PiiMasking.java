package io.provenir.pii;

import io.provenir.scan.Placeholders;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How each PII type is masked: an operator per type ({@link MaskOperator}), the mask character
 * and how many trailing letters or digits {@code mask} keeps, the salt of {@code hash} and the key
 * of keyed {@code pseudonymize}. Immutable and serializable (workers receive it); the salt and key
 * never appear in {@link #toString()}.
 *
 * <p>Values are normalised before hashing or pseudonymising, so that the same value written two
 * ways gets the same replacement: emails and IP addresses lower-cased, phones, SSNs and cards
 * reduced to their digits.
 */
public final class PiiMasking implements Serializable {

  private static final long serialVersionUID = 1L;

  private final MaskOperator defaultOperator;
  private final Map<PiiType, MaskOperator> operators;
  private final char maskChar;
  private final int keepLast;
  private final byte[] hashSalt;
  private final byte[] pseudonymKey;

  private PiiMasking(MaskOperator defaultOperator, Map<PiiType, MaskOperator> operators,
      char maskChar, int keepLast, byte[] hashSalt, byte[] pseudonymKey) {
    this.defaultOperator = defaultOperator;
    this.operators = operators.isEmpty() ? new EnumMap<>(PiiType.class) : new EnumMap<>(operators);
    this.maskChar = maskChar;
    this.keepLast = keepLast;
    this.hashSalt = hashSalt;
    this.pseudonymKey = pseudonymKey;
  }

  /** Typed placeholders for every type. */
  public static PiiMasking placeholders() {
    return new PiiMasking(MaskOperator.REPLACE, Map.of(), '*', 4, null, null);
  }

  /**
   * @param defaultOperator the operator of types not in {@code operators}
   * @param operators per-type operators
   * @param maskChar the character {@code mask} writes
   * @param keepLast how many trailing letters or digits {@code mask} keeps
   * @param hashSalt the salt of {@code hash} (required when it is used)
   * @param pseudonymKey the key of keyed {@code pseudonymize}, or null for per-record numbering
   */
  public static PiiMasking of(MaskOperator defaultOperator, Map<PiiType, MaskOperator> operators,
      char maskChar, int keepLast, String hashSalt, String pseudonymKey) {
    if (keepLast < 0) {
      throw new IllegalArgumentException("keepLast must be >= 0, not " + keepLast);
    }
    boolean hashing = defaultOperator == MaskOperator.HASH
        || operators.containsValue(MaskOperator.HASH);
    if (hashing && (hashSalt == null || hashSalt.isEmpty())) {
      throw new IllegalArgumentException("the hash operator needs a salt");
    }
    return new PiiMasking(defaultOperator, operators, maskChar, keepLast,
        hashSalt == null ? null : hashSalt.getBytes(StandardCharsets.UTF_8),
        pseudonymKey == null || pseudonymKey.isEmpty() ? null
            : pseudonymKey.getBytes(StandardCharsets.UTF_8));
  }

  public MaskOperator operator(String type) {
    return operators.getOrDefault(PiiType.valueOf(type), defaultOperator);
  }

  /** A masking session for one record: {@code [TYPE_n]} numbering restarts per session. */
  public Session session() {
    return new Session(null);
  }

  /**
   * A masking session for the record {@code text}: its keyless pseudonyms start after the highest
   * {@code [TYPE_n]} the text already holds (masked output masked again, or a user's own), so a
   * new value never takes the number of one masked before ({@code [EMAIL_1] wrote to bob@x.org}
   * gets {@code [EMAIL_2]} for bob).
   */
  public Session session(String text) {
    return new Session(text);
  }

  /** Whether some type is pseudonymised without a key, numbered per record. */
  public boolean numbersPerRecord() {
    return pseudonymKey == null && (defaultOperator == MaskOperator.PSEUDONYMIZE
        || operators.containsValue(MaskOperator.PSEUDONYMIZE));
  }

  private static final java.util.regex.Pattern NUMBERED =
      java.util.regex.Pattern.compile("\\[([A-Z_]+)_([0-9]{1,9})\\]");

  /** Replacements within one record. Not thread-safe. */
  public final class Session {
    private final Map<String, Map<String, Integer>> numbers = new HashMap<>();
    private final Map<String, Integer> taken = new HashMap<>();

    private Session(String text) {
      if (text != null && pseudonymKey == null && text.indexOf('[') >= 0) {
        java.util.regex.Matcher m = NUMBERED.matcher(text);
        while (m.find()) {
          taken.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
        }
      }
    }

    /** The replacement of {@code value}, a PII value of {@code type}. */
    public String replacement(String type, String value) {
      return switch (operator(type)) {
        case REPLACE -> Placeholders.pii(type);
        case REDACT -> "";
        case MASK -> mask(value);
        case HASH -> HexFormat.of().formatHex(hmac(hashSalt, normalise(type, value)));
        case PSEUDONYMIZE -> pseudonym(type, value);
      };
    }

    private String pseudonym(String type, String value) {
      String norm = normalise(type, value);
      if (pseudonymKey != null) {
        return "[" + type + "_" + HexFormat.of().formatHex(hmac(pseudonymKey, type + ":" + norm),
            0, 4) + "]";
      }
      Map<String, Integer> seen = numbers.computeIfAbsent(type, k -> new HashMap<>());
      int n = seen.computeIfAbsent(norm, k -> taken.getOrDefault(type, 0) + seen.size() + 1);
      return "[" + type + "_" + n + "]";
    }
  }

  /**
   * Letters and digits (by code point: a letter outside the BMP is one) replaced by the mask
   * char, but the last {@code keepLast}, and never more than half of them: a short value (an IP
   * address 8.8.8.8, an email a@b.co) would otherwise be kept whole, and still be found.
   */
  private String mask(String value) {
    int alnum = (int) value.codePoints().filter(Character::isLetterOrDigit).count();
    int keep = Math.min(keepLast, alnum / 2);
    StringBuilder sb = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        seen++;
        if (seen > alnum - keep) {
          sb.appendCodePoint(cp);
        } else {
          sb.append(maskChar);
        }
      } else {
        sb.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  /** The value as it is compared: case and formatting removed. */
  static String normalise(String type, String value) {
    return switch (type) {
      case "EMAIL", "IP_ADDRESS" -> value.toLowerCase(Locale.ROOT);
      case "PHONE", "SSN", "CREDIT_CARD" -> value.replaceAll("[^0-9]", "");
      default -> value;
    };
  }

  private static byte[] hmac(byte[] key, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "PiiMasking{default=" + defaultOperator.specName() + ", operators=" + operators
        + ", keyed=" + (pseudonymKey != null) + "}";
  }
}
