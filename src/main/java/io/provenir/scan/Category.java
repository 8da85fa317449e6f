package io.provenir.scan;

import java.util.Locale;

/** What kind of sensitive value a detector finds. */
public enum Category {
  /** Personal data: masked with a typed placeholder. */
  PII,
  /** Credentials: the record is quarantined (or the run fails), the value is always redacted. */
  SECRET;

  /** The lower-case name used in JSON outputs ({@code "pii"} or {@code "secret"}). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
