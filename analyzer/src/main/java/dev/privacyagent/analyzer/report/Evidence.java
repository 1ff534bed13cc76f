package dev.privacyagent.analyzer.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the evidence map of a {@link Finding}: ordered keys, values restricted to {@link Long},
 * {@link Double}, {@link Boolean}, {@link String} and lists of strings so that the JSON encoding
 * is stable and parses back to an equal value. Strings are bounded; lists are cut to
 * {@link #MAX_ITEMS} with the full size recorded under {@code key + "Total"}.
 */
public final class Evidence {
  public static final int MAX_ITEMS = 20;

  private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

  public static Evidence of() {
    return new Evidence();
  }

  public Evidence put(String key, long value) {
    values.put(key, value);
    return this;
  }

  public Evidence put(String key, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("evidence " + key + " is not finite: " + value);
    }
    values.put(key, value);
    return this;
  }

  public Evidence put(String key, boolean value) {
    values.put(key, value);
    return this;
  }

  public Evidence put(String key, String value) {
    values.put(key, Text.bound(value == null ? "" : value));
    return this;
  }

  /** The first {@link #MAX_ITEMS} of {@code items}; the full count under {@code key + "Total"}. */
  public Evidence list(String key, Collection<String> items) {
    List<String> kept = new ArrayList<>(Math.min(items.size(), MAX_ITEMS));
    for (String item : items) {
      if (kept.size() == MAX_ITEMS) {
        break;
      }
      kept.add(Text.bound(item == null ? "" : item));
    }
    values.put(key, Collections.unmodifiableList(kept));
    if (items.size() > MAX_ITEMS) {
      values.put(key + "Total", (long) items.size());
    }
    return this;
  }

  public Map<String, Object> build() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * A checked, unmodifiable, order-preserving copy of an evidence map (used by {@link Finding} so
   * that a deserialized finding is held to the same rules as a built one). Integral numbers become
   * {@link Long}, other numbers {@link Double}.
   */
  static Map<String, Object> copyOf(Map<String, ?> source) {
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : source.entrySet()) {
      copy.put(e.getKey(), normalize(e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object normalize(String key, Object v) {
    if (v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof String s) {
      return Text.bound(s);
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException("evidence " + key + " holds a non-string item");
        }
        out.add(Text.bound(s));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        "evidence " + key + " has unsupported type " + (v == null ? "null" : v.getClass()));
  }
}
