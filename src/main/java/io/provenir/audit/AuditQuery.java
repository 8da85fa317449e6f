package io.provenir.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Filters on audit events, the same for the CLI and the REST server: {@code event}, {@code actor},
 * {@code run_id} (exact), {@code since} and {@code until} (inclusive; an ISO-8601 instant such as
 * {@code 2026-11-26T07:00:00Z} or a UTC date such as {@code 2026-11-26}, which means its first or
 * last millisecond).
 */
public record AuditQuery(String event, String actor, String runId, String since, String until) {

  /** Every event. */
  public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

  /** The query parameters the server accepts. */
  public static final Set<String> PARAMETERS =
      Set.of("event", "actor", "run_id", "run-id", "since", "until");

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Checks and normalises the filters.
   *
   * @param sinceText as given, or null
   * @param untilText as given, or null
   * @throws IllegalArgumentException naming the filter at fault
   */
  public static AuditQuery of(String event, String actor, String runId, String sinceText,
      String untilText) {
    check("event", event);
    check("actor", actor);
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("run_id '" + printable(runId) + "' is not a run id"
          + " (1-64 letters, digits, '.', '_' or '-')");
    }
    String since = sinceText == null ? null : AuditEvent.formatTime(time("since", sinceText,
        false));
    String until = untilText == null ? null : AuditEvent.formatTime(time("until", untilText,
        true));
    return new AuditQuery(event, actor, runId, since, until);
  }

  /**
   * From query parameters.
   *
   * @throws IllegalArgumentException naming an unknown or bad parameter
   */
  public static AuditQuery fromParameters(Map<String, String> params) {
    for (String k : params.keySet()) {
      if (!PARAMETERS.contains(k)) {
        throw new IllegalArgumentException("unknown parameter '" + printable(k) + "' (allowed:"
            + " event, actor, run_id, since, until)");
      }
    }
    String runId = params.containsKey("run_id") ? params.get("run_id") : params.get("run-id");
    return of(params.get("event"), params.get("actor"), runId, params.get("since"),
        params.get("until"));
  }

  private static void check(String name, String v) {
    if (v == null) {
      return;
    }
    if (v.isEmpty() || v.length() > 256 || v.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException(name + " must be 1-256 printable characters");
    }
  }

  private static Instant time(String name, String v, boolean endOfDay) {
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      try {
        LocalDate d = LocalDate.parse(v);
        return endOfDay ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
            : d.atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException x) {
        throw new IllegalArgumentException(name + " '" + printable(v) + "' is not an ISO-8601"
            + " time (2026-11-26T07:00:00Z) or date (2026-11-26)");
      }
    }
  }

  private static String printable(String s) {
    String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }

  public boolean matches(AuditEvent e) {
    if (event != null && !event.equals(e.event())) {
      return false;
    }
    if (actor != null && !actor.equals(e.actor())) {
      return false;
    }
    if (runId != null) {
      var r = e.field("run_id");
      if (r == null || !runId.equals(r.asText())) {
        return false;
      }
    }
    if (since != null && e.timestamp().compareTo(since) < 0) {
      return false;
    }
    return until == null || e.timestamp().compareTo(until) <= 0;
  }
}
