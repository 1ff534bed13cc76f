package dev.privacyagent.agent.config;

/** A configuration value the agent cannot use; the message names the key, source and problem. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
