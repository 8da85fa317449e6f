package io.provenir.decontam;

/**
 * An eval set that cannot be used as given (a line without its text field, two items with one id,
 * a broken embedding set): a problem of the run's configuration, whichever step finds it. The
 * message names the eval set and the file (and line) at fault, never their content.
 */
public final class EvalSetException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public EvalSetException(String message) {
    super(message);
  }
}
