package dev.privacyagent.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code key=value} integer options with defaults, and medians and quartiles. */
final class Args {
  private Args() {}

  static Map<String, Integer> ints(String[] args, int from, Map<String, Integer> defaults) {
    Map<String, Integer> out = new HashMap<>(defaults);
    for (int i = from; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      String key = eq < 0 ? args[i] : args[i].substring(0, eq);
      if (eq < 0 || !defaults.containsKey(key)) {
        throw new IllegalArgumentException("unknown option '" + args[i] + "'; known: " + defaults.keySet());
      }
      try {
        int v = Integer.parseInt(args[i].substring(eq + 1));
        if (v < 1) {
          throw new NumberFormatException();
        }
        out.put(key, v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a positive integer, got '" + args[i].substring(eq + 1) + "'");
      }
    }
    return out;
  }

  static double median(List<? extends Number> values) {
    return quantile(values, 0.5);
  }

  /** The {@code q} quantile, interpolated between the closest ranks (q = 0.5: the usual median). */
  static double quantile(List<? extends Number> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> v = new ArrayList<>();
    values.forEach(x -> v.add(x.doubleValue()));
    Collections.sort(v);
    double at = q * (v.size() - 1);
    int lo = (int) Math.floor(at);
    int hi = (int) Math.ceil(at);
    return v.get(lo) + (v.get(hi) - v.get(lo)) * (at - lo);
  }
}
