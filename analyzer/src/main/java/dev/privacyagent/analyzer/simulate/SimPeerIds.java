package dev.privacyagent.analyzer.simulate;

import java.util.Random;

/** Peer ids in the Ed25519 text form (12D3KooW + 44 base58 chars) from a seeded random source. */
final class SimPeerIds {
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private SimPeerIds() {}

  static String next(Random rnd) {
    StringBuilder sb = new StringBuilder("12D3KooW");
    for (int i = 0; i < 44; i++) {
      sb.append(BASE58.charAt(rnd.nextInt(BASE58.length())));
    }
    return sb.toString();
  }
}
