package io.provenir.pipeline;

/** Process exit codes of {@code provenir}. */
public final class ExitCodes {

  private ExitCodes() {}

  /** The run finished and every input line is accounted for. */
  public static final int OK = 0;
  /** Anything else went wrong (I/O, the runner, a bug); the message says what. */
  public static final int FAILURE = 1;
  /** Bad command line, spec or runner config; the message names the flag, key or option. */
  public static final int USAGE = 2;
  /** {@code secrets.policy: fail} and secrets were found (outputs and report are written). */
  public static final int POLICY_VIOLATION = 3;
  /** {@code audit verify}: the audit trail was tampered with. */
  public static final int TAMPERED = 4;
}
