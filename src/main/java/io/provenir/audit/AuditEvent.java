package io.provenir.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One audit event: what happened ({@code event}), who did it ({@code actor}), when
 * ({@code timestamp}, ISO-8601 UTC with milliseconds), its fields, and its place in a hash chain
 * ({@code seq}, {@code prev_hash}, {@code hash}). On disk it is one line of canonical JSON with the
 * fields at the top level next to the reserved names; {@code hash} is the hash of that JSON without
 * {@code hash}. Immutable.
 */
public final class AuditEvent {

  /** Names an event's own fields cannot use. */
  public static final Set<String> RESERVED =
      Set.of("seq", "timestamp", "event", "actor", "prev_hash", "hash");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode json;

  private AuditEvent(ObjectNode json) {
    this.json = json;
  }

  /**
   * A new event, hashed into a chain after {@code prevHash}.
   *
   * @throws IllegalArgumentException when the name, actor or a field name is not allowed
   */
  public static AuditEvent create(long seq, Instant time, String event, String actor,
      Map<String, ?> fields, String prevHash, ChainHasher hasher) {
    checkName("event", event);
    if (actor == null || actor.isBlank() || actor.length() > 256) {
      throw new IllegalArgumentException("an audit event needs an actor (1-256 characters)");
    }
    ObjectNode n = JSON.createObjectNode();
    if (fields != null) {
      for (Map.Entry<String, ?> f : fields.entrySet()) {
        if (RESERVED.contains(f.getKey())) {
          throw new IllegalArgumentException("'" + f.getKey() + "' is reserved in audit events");
        }
        checkName("field", f.getKey());
        n.set(f.getKey(), JSON.valueToTree(f.getValue()));
      }
    }
    n.put("seq", seq);
    n.put("timestamp", formatTime(time));
    n.put("event", event);
    n.put("actor", actor);
    n.put("prev_hash", prevHash);
    n.put("hash", hasher.hash(CanonicalJson.bytes(n)));
    return new AuditEvent(n);
  }

  private static void checkName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("audit " + what + " name '" + name + "' must be"
          + " lower-case letters, digits and '_', starting with a letter (at most 64)");
    }
  }

  /** {@code time} as the audit trail writes it. */
  public static String formatTime(Instant time) {
    return TIME.format(time.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Reads an event from its JSON line (not checking its hash).
   *
   * @throws IllegalArgumentException when the line is not an audit event
   */
  public static AuditEvent parse(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    for (String k : RESERVED) {
      if (!n.hasNonNull(k)) {
        throw new IllegalArgumentException("no '" + k + "'");
      }
    }
    if (!n.get("seq").isIntegralNumber() || !n.get("hash").isTextual()
        || !n.get("prev_hash").isTextual()) {
      throw new IllegalArgumentException("'seq', 'prev_hash' or 'hash' has the wrong type");
    }
    return new AuditEvent((ObjectNode) n);
  }

  /** Whether {@code hash} is the hash of the rest of the event. */
  public boolean hashMatches(ChainHasher hasher) {
    ObjectNode unsigned = json.deepCopy();
    unsigned.remove("hash");
    return hasher.matches(hash(), CanonicalJson.bytes(unsigned));
  }

  public long seq() {
    return json.get("seq").asLong();
  }

  public String timestamp() {
    return json.get("timestamp").asText();
  }

  public String event() {
    return json.get("event").asText();
  }

  public String actor() {
    return json.get("actor").asText();
  }

  public String prevHash() {
    return json.get("prev_hash").asText();
  }

  public String hash() {
    return json.get("hash").asText();
  }

  /** A field of the event (not one of the reserved names), or null. */
  public JsonNode field(String name) {
    return RESERVED.contains(name) ? null : json.get(name);
  }

  /** The event's own fields, without the reserved names (a copy). */
  public ObjectNode fields() {
    ObjectNode f = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!RESERVED.contains(e.getKey())) {
        f.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return f;
  }

  /** The whole event as JSON (a copy). */
  public ObjectNode toJson() {
    return json.deepCopy();
  }

  /** The line written to the trail: canonical JSON, no newline. */
  public String line() {
    return CanonicalJson.string(json);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEvent e && json.equals(e.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "AuditEvent{" + event() + " #" + seq() + " " + timestamp() + "}";
  }
}
