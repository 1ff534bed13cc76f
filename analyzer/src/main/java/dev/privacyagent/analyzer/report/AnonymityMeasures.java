package dev.privacyagent.analyzer.report;

/**
 * Anonymity measures over the traffic share of remote peers and network prefixes (Diaz et al.
 * 2002; Serjantov and Danezis 2002).
 *
 * @param distinctPeers N, peers that carried any traffic
 * @param distinctPrefixes distinct /24 (IPv4) or /48 (IPv6) prefixes
 * @param trafficUnit what a share counts: {@code streams}, or {@code connections} when no stream
 *     was seen
 * @param totalTraffic the sum the shares are taken of
 * @param entropyBits H = -sum p log2 p over peer shares
 * @param maxEntropyBits log2 N
 * @param effectiveAnonymitySet 2^H
 * @param degreeOfAnonymity H / log2 N (0 when N <= 1)
 * @param prefixEntropyBits the same entropy over prefix shares
 * @param effectivePrefixSet 2^H over prefixes
 * @param topPeerShare the largest single peer share
 */
public record AnonymityMeasures(
    long distinctPeers,
    long distinctPrefixes,
    String trafficUnit,
    long totalTraffic,
    double entropyBits,
    double maxEntropyBits,
    double effectiveAnonymitySet,
    double degreeOfAnonymity,
    double prefixEntropyBits,
    double effectivePrefixSet,
    double topPeerShare) {

  public static AnonymityMeasures empty() {
    return new AnonymityMeasures(0, 0, "streams", 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
