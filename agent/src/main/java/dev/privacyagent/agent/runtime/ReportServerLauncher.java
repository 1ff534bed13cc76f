package dev.privacyagent.agent.runtime;

import dev.privacyagent.agent.config.AgentConfig;
import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.server.ReportServer;
import dev.privacyagent.server.ServerConfig;
import dev.privacyagent.server.log.ServerLog;
import dev.privacyagent.server.source.ReportSources;

/**
 * Starts the embedded report server over the live collector, on the agent's worker thread, and
 * logs its URL. A server that cannot start (port taken, non-loopback bind without token) is one
 * error line; capture goes on without it.
 */
final class ReportServerLauncher {
  private final AgentConfig config;
  private final Pipeline pipeline;
  private volatile ReportServer server;

  ReportServerLauncher(AgentConfig config, Pipeline pipeline) {
    this.config = config;
    this.pipeline = pipeline;
  }

  void start() {
    // The server's warnings (and its Netty's) go to the agent's own log, never to the host
    // application's logging; set before any of the server's Netty classes is first used.
    ServerLog.setSink(AgentLog::warn);
    // The relocated Netty must not touch sun.misc.Unsafe: JDK 24+ warns on stderr and would name
    // the agent. Its property name is relocated with it, so derive it from a Netty class.
    String netty = io.netty.channel.Channel.class.getPackageName().replace(".channel", "");
    if (System.getProperty(netty + ".noUnsafe") == null) {
      System.setProperty(netty + ".noUnsafe", "true");
    }
    try {
      ServerConfig sc =
          ServerConfig.of(config.bind(), config.port(), config.token().isEmpty() ? null : config.token());
      server =
          ReportServer.start(
              sc, ReportSources.liveNodes(pipeline.collector()::nodeSnapshots, pipeline.analyzer()));
      AgentLog.info("report at " + server.url() + (sc.hasToken() ? " (token required)" : ""));
    } catch (RuntimeException e) {
      AgentLog.error("report server not started (" + e.getMessage() + "); capture continues; set port=-1"
          + " to turn the server off or port=0 for a free port");
    }
  }

  void close() {
    ReportServer s = server;
    if (s != null) {
      s.close();
    }
  }
}
