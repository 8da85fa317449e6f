/**
 * PII detectors: {@code EMAIL}, {@code PHONE}, {@code SSN}, {@code CREDIT_CARD} and
 * {@code IP_ADDRESS}, each with the validation that keeps false positives down (Luhn and issuer
 * prefixes for cards, area/group/serial ranges for SSNs, octet ranges for IPv4, a parser for IPv6).
 *
 * <p>Pure Java: depends only on {@code io.provenir.scan}. See {@code docs/detectors.md}.
 */
package io.provenir.pii;
