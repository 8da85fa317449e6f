package io.provenir.pii;

import static io.provenir.pii.DetectorAssertions.matches;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.junit.Test;

public class IpAddressDetectorTest {

  private final IpAddressDetector d = new IpAddressDetector();

  @Test
  public void findsIpv4WithOctetChecks() {
    assertThat(matches(d, "Server 10.0.0.1 and gateway 192.168.1.254."),
        contains("10.0.0.1", "192.168.1.254"));
    assertThat(matches(d, "256.1.1.1 1.2.3 01.2.3.4 text1.2.3.4"), empty());
    // as Presidio labels it: the first four parts of a longer dotted run are an address
    assertThat(matches(d, "192.168.1.1.1"), contains("192.168.1.1"));
  }

  @Test
  public void includesCidrPrefixesAndZones() {
    assertThat(matches(d, "route 10.0.0.0/8 and 192.168.1.0/24; not 10.0.0.0/123"),
        contains("10.0.0.0/8", "192.168.1.0/24", "10.0.0.0"));
    assertThat(matches(d, "Prefix: 2001:db8::/32. Link fe80::1%eth0/64 up"),
        contains("2001:db8::/32", "fe80::1%eth0/64"));
  }

  @Test
  public void ignoresVersionsInVersionContext() {
    assertThat(matches(d, "upgrade to version 1.2.3.4 now"), empty());
    assertThat(matches(d, "v2.3.10.1 and numpy==1.26.4.0 and pkg@1.2.3.4"), empty());
    assertThat(matches(d, "fixed in release 10.2.0.1"), empty());
  }

  @Test
  public void findsIpv6FullCompressedAndMapped() {
    assertThat(matches(d, "full 2001:0db8:85a3:0000:0000:8a2e:0370:7334 here"),
        contains("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
    assertThat(matches(d, "Connect to [2001:db8::1]:8080 or fe80::1ff:fe23:4567:890a."),
        contains("2001:db8::1", "fe80::1ff:fe23:4567:890a"));
    assertThat(matches(d, "mapped ::ffff:192.0.2.128 address"), contains("::ffff:192.0.2.128"));
  }

  @Test
  public void rejectsTimesMacAddressesAndCodeThatLookAlike() {
    assertThat(matches(d, "at 10:30:45, mac 00:1a:2b:3c:4d:5e, std::vector, a::b"), empty());
    assertThat(matches(d, "1:2:3:4:5:6:7:8:9 and 1::2::3 and 12345::1"), empty());
    assertThat(matches(d, "evens = l[::2]; odds = l[1::2]; f(x)[::3]"), empty());
  }

  @Test
  public void survivesHostileInputs() {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 1_000_000) {
      sb.append("1234.5678.");
    }
    assertThat(matches(d, sb.toString()), empty());
    assertThat(matches(d, "1:".repeat(300_000)), empty());
  }
}
