package dev.privacyagent.analyzer.detect;

/** Shannon entropy of a discrete distribution given as counts. */
final class Entropy {
  private Entropy() {}

  /**
   * H = -sum p log2 p with p = count/total; zero counts contribute nothing. Summed in ascending
   * order of the counts, so that the result does not depend on the order of the (hash map) input
   * to the last bit: the same events give the same report in every run.
   */
  static double bits(long[] unordered) {
    long[] counts = unordered.clone();
    java.util.Arrays.sort(counts);
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total <= 0) {
      return 0.0;
    }
    double h = 0.0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / total;
        h -= p * log2(p);
      }
    }
    return Math.max(0.0, h);
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2.0);
  }
}
