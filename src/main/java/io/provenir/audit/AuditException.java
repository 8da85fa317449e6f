package io.provenir.audit;

/** The audit trail cannot be written or read as asked; the message says where and why. */
public class AuditException extends RuntimeException {
  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
