package dev.privacyagent.analyzer.collect;

/** Readable names of local nodes. */
public final class NodeNames {
  private NodeNames() {}

  /**
   * The default name of a node without a configured one: the peer id's first four and last six
   * characters ({@code 12D3..a4bXyz}); short ids stay as they are. The tail tells ids apart, the
   * head keeps the key type visible.
   */
  public static String shortForm(String peerId) {
    if (peerId == null) {
      return "(unknown)";
    }
    return peerId.length() <= 12 ? peerId : peerId.substring(0, 4) + ".." + peerId.substring(peerId.length() - 6);
  }
}
