package dev.privacyagent.agent.config;

import java.util.Locale;

/**
 * Every configuration key the agent understands, with its default and a one-line description.
 * docs/configuration.md lists the same keys; {@code ConfigKeyDocTest} keeps the two in step.
 */
public enum ConfigKey {
  ENABLED("enabled", "true", "false turns the agent off entirely: no bridge, no hooks, no server"),
  PORT("port", "7878", "report server port; 0 picks a free port, -1 disables the server"),
  BIND("bind", "127.0.0.1", "report server address; a non-loopback address requires a token"),
  TOKEN("token", "", "access token the report server requires on every request (empty: none)"),
  EVENTS("events", "", "JSON Lines file the events are appended to (empty: no file)"),
  EVENTS_MAX_SIZE("eventsMaxSize", "64m", "size at which the events file is rotated to FILE.1"),
  EVENTS_GZIP("eventsGzip", "false", "true writes the events file as gzip (whole members of up to 64 KiB or 1 s)"),
  WINDOW("window", "10m", "analysis window: how far back the detectors look"),
  MAX_MEMORY("maxMemory", "64m", "memory cap of the collector's state (drops are counted)"),
  LOG("log", "info", "agent log level on stderr: off, error, warn, info, debug"),
  SUMMARY_INTERVAL("summaryInterval", "60s", "period of the one-line summary on stderr; 0 disables"),
  REPORT("report", "true", "print the console report on stderr at JVM shutdown"),
  STARTUP("startup", "background",
      "background: premain only registers a gate, the agent wires itself while main runs and a jvm-libp2p class"
          + " loaded before it is ready waits for it; premain: wire everything before main"),
  QUEUE("queue", "65536", "capacity of the events-file queue (events beyond it are counted as dropped)"),
  GOSSIP_MESSAGES(
      "gossipMessages", "sampled",
      "received gossip messages with an event of their own: off, sampled (1 in 1024), sampled:N or all"),
  GOSSIP_INTERVAL("gossipInterval", "30s", "period of the per-topic and per-peer gossip stats events"),
  ADVERSARY_SHARE(
      "adversaryShare", "0.1",
      "share f of the node's peers the adversary of the gossip duty-exposure measure holds, 1-(1-f)^k (0 < f < 1)"),
  NODE_NAME(
      "nodeName", "",
      "readable node name in reports, the page and metrics; several hosts in one JVM are NAME-0, NAME-1, ... (empty: a short form of the peer id)"),
  FAULT_INJECTION(
      "faultInjection", "none", "test only: 'throw' makes every dispatch throw (proves isolation)");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** {@code -Dprivacyagent.KEY}. */
  public String systemProperty() {
    return "privacyagent." + key;
  }

  /** {@code PRIVACY_AGENT_KEY}: camelCase becomes UPPER_SNAKE_CASE. */
  public String environmentVariable() {
    return "PRIVACY_AGENT_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  public static ConfigKey byKey(String key) {
    for (ConfigKey k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }
}
