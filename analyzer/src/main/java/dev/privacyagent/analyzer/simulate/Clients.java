package dev.privacyagent.analyzer.simulate;

import java.util.List;

/** Common libp2p client profiles of an Ethereum-like network: agentVersion and protocol set. */
record Clients(String agent, List<String> protocols, int weight) {
  private static final List<String> BASE = List.of(
      "/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0", "/meshsub/1.0.0",
      "/eth2/beacon_chain/req/status/1/ssz_snappy", "/eth2/beacon_chain/req/ping/1/ssz_snappy",
      "/eth2/beacon_chain/req/metadata/2/ssz_snappy", "/eth2/beacon_chain/req/goodbye/1/ssz_snappy",
      "/eth2/beacon_chain/req/beacon_blocks_by_range/2/ssz_snappy");

  static final Clients LIGHTHOUSE = new Clients("lighthouse/v5.1.3-3058b96", BASE, 40);
  static final Clients PRYSM = new Clients("Prysm/v5.0.3/f5b3b8e", plus("/meshsub/1.2.0"), 30);
  static final Clients TEKU = new Clients("teku/v24.4.0", plus("/ipfs/id/push/1.0.0"), 15);
  static final Clients NIMBUS = new Clients("nimbus", plus("/eth2/beacon_chain/req/light_client_bootstrap/1/ssz_snappy"), 10);
  static final Clients LODESTAR = new Clients("lodestar/v1.18.0", plus("/ipfs/id/push/1.0.0", "/meshsub/1.2.0"), 5);

  static final List<Clients> COMMON = List.of(LIGHTHOUSE, PRYSM, TEKU, NIMBUS, LODESTAR);

  /** Protocols our node and its peers negotiate for ordinary traffic. */
  static final List<String> TRAFFIC = List.of(
      "/meshsub/1.1.0", "/eth2/beacon_chain/req/status/1/ssz_snappy",
      "/eth2/beacon_chain/req/beacon_blocks_by_range/2/ssz_snappy", "/eth2/beacon_chain/req/metadata/2/ssz_snappy");

  private static List<String> plus(String... extra) {
    java.util.ArrayList<String> l = new java.util.ArrayList<>(BASE);
    l.addAll(List.of(extra));
    return List.copyOf(l);
  }

  /** A client drawn by weight. */
  static Clients pick(java.util.Random rnd) {
    int total = COMMON.stream().mapToInt(Clients::weight).sum();
    int r = rnd.nextInt(total);
    for (Clients c : COMMON) {
      r -= c.weight();
      if (r < 0) {
        return c;
      }
    }
    return LIGHTHOUSE;
  }
}
