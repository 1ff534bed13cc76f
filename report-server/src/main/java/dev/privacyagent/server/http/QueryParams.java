package dev.privacyagent.server.http;

import java.util.List;
import java.util.Map;

/** Strict query parameter parsing; error messages name the parameter, never echo its value. */
final class QueryParams {
  private QueryParams() {}

  static long longParam(Map<String, List<String>> q, String name, long dflt, long min, long max) {
    List<String> values = q.get(name);
    if (values == null) {
      return dflt;
    }
    if (values.size() != 1) {
      throw new IllegalArgumentException(name + " must be given once");
    }
    String v = values.get(0);
    if (v.isEmpty() || v.length() > 19 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(name + " must be a non-negative integer");
    }
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
    return n;
  }
}
