package io.provenir.pii;

import io.provenir.scan.Detector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Factory of the PII detectors, by type name. */
public final class PiiDetectors {

  private PiiDetectors() {}

  /** Every PII detector. */
  public static List<Detector> all() {
    return forTypes(PiiType.names());
  }

  /**
   * The detectors for the named types.
   *
   * @throws IllegalArgumentException naming the unknown type and the allowed ones
   */
  public static List<Detector> forTypes(Collection<String> types) {
    return forTypes(types, PhoneDetector.DEFAULT_REGIONS);
  }

  /**
   * The detectors for the named types, with phone numbers checked against the numbering plans of
   * {@code phoneRegions}.
   */
  public static List<Detector> forTypes(Collection<String> types, List<String> phoneRegions) {
    List<Detector> detectors = new ArrayList<>();
    for (String name : types) {
      detectors.add(create(parse(name), phoneRegions));
    }
    return detectors;
  }

  /** The type for {@code name}, e.g. {@code EMAIL}; throws naming the allowed values otherwise. */
  public static PiiType parse(String name) {
    for (PiiType t : PiiType.values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown PII type '" + name + "' (allowed: " + String.join(", ", PiiType.names()) + ")");
  }

  private static Detector create(PiiType type, List<String> phoneRegions) {
    return switch (type) {
      case EMAIL -> new EmailDetector();
      case PHONE -> new PhoneDetector(phoneRegions);
      case SSN -> new SsnDetector();
      case CREDIT_CARD -> new CreditCardDetector();
      case IP_ADDRESS -> new IpAddressDetector();
    };
  }
}
