package dev.privacyagent.agent.runtime;

import dev.privacyagent.agent.config.AgentConfig;
import dev.privacyagent.agent.log.AgentLog;

/** Starts and stops the embedded report server for the live collector. */
final class ReportServerLauncher {
  private final AgentConfig config;
  private final Pipeline pipeline;

  ReportServerLauncher(AgentConfig config, Pipeline pipeline) {
    this.config = config;
    this.pipeline = pipeline;
  }

  void start() {
    AgentLog.debug("report server not wired yet (port " + config.port() + ")");
  }

  void close() {}
}
