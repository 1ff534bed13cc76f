package dev.privacyagent.agent.config;

import dev.privacyagent.agent.log.Level;
import dev.privacyagent.agent.dispatch.gossip.GossipSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's resolved configuration.
 *
 * @param port report server port, 0 for an ephemeral port, -1 when the server is disabled
 * @param token empty when none
 * @param events null when no events file is written
 * @param eventsGzip the events file is written as gzip
 * @param backgroundStartup {@code startup=background}: premain registers a gate and returns
 * @param gossip which received gossip messages get an event of their own, the stats interval
 * @param adversaryShare f of the live report's gossip duty-exposure measure (as {@code analyze
 *     --adversary-share}), strictly between 0 and 1
 * @param nodeName the configured {@code nodeName}, null when none (then reports use a short
 *     form of the peer id)
 * @param warnings non-fatal remarks made while resolving (unknown keys), logged at start-up
 */
public record AgentConfig(
    boolean enabled,
    int port,
    String bind,
    String token,
    Path events,
    long eventsMaxSize,
    boolean eventsGzip,
    Duration window,
    long maxMemory,
    Level log,
    Duration summaryInterval,
    boolean report,
    boolean backgroundStartup,
    int queue,
    boolean faultInjection,
    GossipSettings gossip,
    double adversaryShare,
    String nodeName,
    List<String> warnings) {

  public AgentConfig {
    warnings = List.copyOf(warnings);
  }

  public boolean serverEnabled() {
    return port >= 0;
  }
}
