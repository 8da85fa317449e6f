package io.provenir.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a secret is referred to without its value: the first 16 hex digits (64 bits) of
 * HMAC-SHA256(key, value). The same value and key give the same fingerprint across records, shards
 * and runs, so a finding can be tracked and baselined; without the key the value cannot be
 * confirmed by guessing candidates.
 *
 * <p>The key comes from the environment variable {@value #KEY_ENV} when set; otherwise a fixed,
 * public default key is used, which still hides the value of a high-entropy secret but lets anyone
 * with a candidate value check it. Set the variable for production runs.
 */
public final class Fingerprints {

  public static final String KEY_ENV = "PROVENIR_FINGERPRINT_KEY";
  static final String DEFAULT_KEY = "provenir-fingerprint-v1";

  private final byte[] key;

  public Fingerprints(String key) {
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  /** Fingerprints keyed by {@value #KEY_ENV}, or by the public default key. */
  public static Fingerprints fromEnvironment() {
    String k = System.getenv(KEY_ENV);
    return new Fingerprints(k == null || k.isEmpty() ? DEFAULT_KEY : k);
  }

  /** The key as given, for shipping to workers; never log it. */
  public String keyForWorkers() {
    return new String(key, StandardCharsets.UTF_8);
  }

  /**
   * One keyed MAC per thread: looking up the algorithm and keying it cost more than hashing a
   * secret; {@code doFinal} leaves the MAC keyed and ready for the next value.
   */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  public String of(String value) {
    byte[] h = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 8);
  }
}
