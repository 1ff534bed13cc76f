package dev.privacyagent.analyzer.simulate;

import java.util.ArrayList;
import java.util.List;

/** What our simulated node discloses in identify; scenarios change the parts they are about. */
final class SelfProfile {
  String agentVersion = Clients.LIGHTHOUSE.agent();
  List<String> protocols = new ArrayList<>(Clients.LIGHTHOUSE.protocols());
  String publicIp = "81.2.69.160";
  List<String> listenAddrs = new ArrayList<>(List.of("/ip4/81.2.69.160/tcp/9000"));
  /** IPs that remote peers report as our observed address, picked round-robin. */
  List<String> observedIps = new ArrayList<>(List.of("81.2.69.160"));
}
