package io.provenir.audit;

/** A child process for AuditLoggerTest: logs N events as WRITER into DIR. */
public final class AuditLogChild {
  public static void main(String[] args) {
    AuditLogger audit = new AuditLogger(args[0]);
    int n = Integer.parseInt(args[1]);
    for (int i = 0; i < n; i++) {
      audit.log("child_event", args[2], "i", i, "pid", ProcessHandle.current().pid());
    }
  }
}
