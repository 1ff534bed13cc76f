package dev.privacyagent.analyzer.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * Our node announces an agentVersion no peer shares, with build, OS and runtime details, and a
 * protocol set with two private protocols, among at least 30 peers running common clients.
 */
final class FingerprintTraffic implements ScenarioPart {
  static final String AGENT = "acme-beacon/0.9.3-rc1+g4f2a1c7/linux-x86_64/openjdk-17.0.15";
  static final List<String> PRIVATE_PROTOCOLS = List.of("/acme/private-sync/0.1.0", "/acme/telemetry/2.0.0");
  static final int MIN_PEERS = 30;

  @Override
  public void configure(SelfProfile self) {
    self.agentVersion = AGENT;
    List<String> protocols = new ArrayList<>(Clients.LIGHTHOUSE.protocols());
    protocols.remove("/meshsub/1.0.0");
    protocols.addAll(PRIVATE_PROTOCOLS);
    self.protocols = protocols;
  }

  @Override
  public void traffic(SimNetwork net, int peers) {
    int n = Math.max(MIN_PEERS, peers);
    for (int i = 0; i < n; i++) {
      Clients client = Clients.pick(net.rnd);
      CleanTraffic.addPeerTraffic(net, net.newPeer(client.agent(), client.protocols(), net.publicIp()), 0.5);
    }
  }
}
