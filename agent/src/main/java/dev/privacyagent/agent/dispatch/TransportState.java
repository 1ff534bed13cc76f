package dev.privacyagent.agent.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The node a transport belongs to and the bound listen addresses already reported for it. */
final class TransportState {
  volatile String node;
  final Set<String> listening = ConcurrentHashMap.newKeySet();

  TransportState(String node) {
    this.node = node;
  }
}
