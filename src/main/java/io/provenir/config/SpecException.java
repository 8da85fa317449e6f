package io.provenir.config;

/** A spec, runner config or command-line value that cannot be used; the message says which and why. */
public final class SpecException extends Exception {

  public SpecException(String message) {
    super(message, null, false, false);
  }
}
