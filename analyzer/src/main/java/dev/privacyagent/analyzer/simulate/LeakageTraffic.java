package dev.privacyagent.analyzer.simulate;

import static dev.privacyagent.analyzer.simulate.SimNetwork.MIN;
import static dev.privacyagent.analyzer.simulate.SimNetwork.SEC;

import dev.privacyagent.analyzer.event.Direction;
import java.util.List;

/**
 * Address and identity leaks: our identify lists a home LAN (192.168.1.23), a VPN (10.8.0.6),
 * loopback and an IPv6 link-local address next to the public one; peers see our node at two
 * public IPs; two connections negotiate {@code /plaintext/2.0.0}; one peer id connects from six
 * different IPs in turn; a few peers announce private addresses of their own.
 */
final class LeakageTraffic implements ScenarioPart {
  static final String SECOND_PUBLIC_IP = "146.70.12.34";
  static final int ROAMING_IPS = 6;
  static final int PLAINTEXT_CONNECTIONS = 2;

  @Override
  public void configure(SelfProfile self) {
    self.listenAddrs = new java.util.ArrayList<>(List.of(
        "/ip4/" + self.publicIp + "/tcp/9000",
        "/ip4/192.168.1.23/tcp/9000",
        "/ip4/10.8.0.6/tcp/9000",
        "/ip4/127.0.0.1/tcp/9000",
        "/ip6/fe80::1c2a:3bff:fe4d:5e6f/tcp/9000"));
    self.observedIps = new java.util.ArrayList<>(List.of(self.publicIp, SECOND_PUBLIC_IP));
  }

  @Override
  public void traffic(SimNetwork net, int peers) {
    int n = Math.max(10, peers / 2);
    for (int i = 0; i < n; i++) {
      Clients client = Clients.pick(net.rnd);
      String ip = net.publicIp();
      SimNetwork.Peer p = i % 4 == 0
          ? net.newPeer(client.agent(), client.protocols(), ip,
              List.of("/ip4/" + ip + "/tcp/9000", "/ip4/192.168.0." + (2 + i) + "/tcp/9000"))
          : net.newPeer(client.agent(), client.protocols(), ip);
      if (i < PLAINTEXT_CONNECTIONS) {
        long start = net.uniform(0, 60 * SEC);
        CleanTraffic.requests(net, net.connect(p, start, Long.MAX_VALUE, Direction.OUTBOUND, "/plaintext/2.0.0"), 1.0);
      } else {
        CleanTraffic.addPeerTraffic(net, p, 0.5);
      }
    }
    // one peer roaming between networks: same peer id, a new IP for every connection
    Clients client = Clients.pick(net.rnd);
    SimNetwork.Peer roaming = net.newPeer(client.agent(), client.protocols(), net.publicIp());
    long slot = (net.durationNanos - MIN) / ROAMING_IPS;
    for (int k = 0; k < ROAMING_IPS; k++) {
      roaming.ip = net.publicIp();
      long start = k * slot + net.uniform(0, slot / 4);
      long end = k == ROAMING_IPS - 1 ? Long.MAX_VALUE : start + slot / 2;
      CleanTraffic.requests(net, net.connect(roaming, start, end, Direction.INBOUND, "/noise"), 1.0);
    }
  }
}
