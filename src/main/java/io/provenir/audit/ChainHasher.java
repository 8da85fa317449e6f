package io.provenir.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the hashes that chain audit events: {@code sha256:<hex>} of the canonical JSON, or, when
 * a key is set ({@code PROVENIR_AUDIT_KEY}), {@code hmac-sha256:<hex>}, which nobody without the key
 * can recompute. Thread-safe.
 */
public final class ChainHasher {

  /** The environment variable holding the HMAC key. */
  public static final String KEY_ENV = "PROVENIR_AUDIT_KEY";
  /** The {@code prev_hash} of a chain's first element. */
  public static final String GENESIS = "genesis";

  private final byte[] key;

  private ChainHasher(byte[] key) {
    this.key = key;
  }

  /** Plain SHA-256. */
  public static ChainHasher sha256() {
    return new ChainHasher(null);
  }

  /** HMAC-SHA-256 with {@code key}. */
  public static ChainHasher hmac(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("the audit HMAC key is empty");
    }
    return new ChainHasher(key.getBytes(StandardCharsets.UTF_8));
  }

  /** HMAC when {@link #KEY_ENV} is set and not empty, else SHA-256. */
  public static ChainHasher fromEnvironment() {
    String k = System.getenv(KEY_ENV);
    return k == null || k.isEmpty() ? sha256() : hmac(k);
  }

  public boolean keyed() {
    return key != null;
  }

  /** The hash of {@code canonical}, with its algorithm as prefix. */
  public String hash(byte[] canonical) {
    if (key == null) {
      return "sha256:" + HexFormat.of().formatHex(sha(canonical));
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(canonical));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether {@code hash} is {@code canonical}'s hash. An {@code hmac-sha256:} hash needs this
   * hasher's key.
   *
   * @throws IllegalStateException when the hash is keyed and this hasher has no key
   */
  public boolean matches(String hash, byte[] canonical) {
    if (hash == null) {
      return false;
    }
    if (hash.startsWith("sha256:")) {
      return hash.equals("sha256:" + HexFormat.of().formatHex(sha(canonical)));
    }
    if (hash.startsWith("hmac-sha256:")) {
      if (key == null) {
        throw new IllegalStateException("the chain is keyed (hmac-sha256); set " + KEY_ENV
            + " to verify it");
      }
      return hash.equals(hash(canonical));
    }
    return false;
  }

  /** SHA-256 of {@code bytes}, as {@code sha256:<hex>}. */
  public static String sha256Of(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(sha(bytes));
  }

  private static byte[] sha(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
