package dev.privacyagent.agent.runtime;

import dev.privacyagent.agent.config.AgentConfig;
import dev.privacyagent.analyzer.detect.AnalyzerConfig;
import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.agent.output.EventFileWriter;
import dev.privacyagent.agent.output.Summary;
import dev.privacyagent.analyzer.collect.CollectorConfig;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.render.ConsoleRenderer;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.agent.dispatch.gossip.GossipDispatcher;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the dispatcher's events go: the collector (always) and the events file (when
 * configured). Everything that costs threads or sockets (collector drain, file writer, summary,
 * report server) starts only when the agent activates, i.e. when a supported jvm-libp2p shows up;
 * an idle agent holds no thread and prints nothing.
 */
public final class Pipeline implements EventSink {
  private final AgentConfig config;
  private final Failures failures;
  private final ScheduledExecutorService worker;
  private final MetadataCollector collector;
  private final EventFileWriter file;
  /** Built on first use (summary, report, server): its classes stay out of premain. */
  private volatile PrivacyAnalyzer analyzer;
  /** The report server starts this long after the agent's start-up, off the application's start. */
  static final long SERVER_DELAY_MILLIS = 1_500;
  private final AtomicBoolean active = new AtomicBoolean();
  private final ReportServerLauncher server;
  /** The server starts once both are true: it must not compete with the start-up for the cores. */
  private boolean activated;
  private boolean startedUp;
  private boolean serverStarted;
  private volatile Supplier<GossipDispatcher.Counts> gossipCounts = () -> null;

  public Pipeline(AgentConfig config, Failures failures, ScheduledExecutorService worker) {
    this.config = config;
    this.failures = failures;
    this.worker = worker;
    this.collector =
        new MetadataCollector(
            CollectorConfig.defaults().withMemoryCap(config.maxMemory()).withWindow(config.window()));
    this.file =
        config.events() == null
            ? null
            : new EventFileWriter(config.events(), config.eventsMaxSize(), config.queue(), failures,
                config.eventsGzip());
    if (file != null) {
      collector.countEventsFileLosses(file::dropped);
    }
    this.server = new ReportServerLauncher(config, this);
  }

  @Override
  public void accept(Event e) {
    collector.offer(e);
    if (file != null) {
      file.accept(e);
    }
  }

  public MetadataCollector collector() {
    return collector;
  }

  public PrivacyAnalyzer analyzer() {
    PrivacyAnalyzer a = analyzer;
    if (a == null) {
      synchronized (this) {
        if (analyzer == null) {
          analyzer = new PrivacyAnalyzer(analyzerConfig(config));
        }
        a = analyzer;
      }
    }
    return a;
  }

  /** The detectors' defaults with what the agent's configuration changes (the adversary share). */
  static AnalyzerConfig analyzerConfig(AgentConfig config) {
    return AnalyzerConfig.defaults().withAdversaryShare(config.adversaryShare());
  }

  public boolean active() {
    return active.get();
  }

  /** Starts the threads and the server; idempotent, returns at once (work runs on the worker). */
  public void activate() {
    if (!active.compareAndSet(false, true)) {
      return;
    }
    collector.start();
    if (file != null) {
      // opening the file is I/O: never on premain's or an application thread (events queue meanwhile)
      worker.execute(this::openEventsFile);
    }
    synchronized (this) {
      activated = true;
    }
    maybeStartServer();
    long every = config.summaryInterval().toMillis();
    if (every > 0) {
      worker.scheduleAtFixedRate(this::printSummary, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** The agent's start-up (transformer, warm-up) is over: the report server may start now. */
  public void startupDone() {
    synchronized (this) {
      startedUp = true;
    }
    maybeStartServer();
  }

  private void maybeStartServer() {
    synchronized (this) {
      if (!config.serverEnabled() || !activated || !startedUp || serverStarted) {
        return;
      }
      serverStarted = true;
    }
    // Netty and the report classes (about 500 classes) load and compete for the cores; at the
    // application's start that doubled the agent's cost to its first connection (docs/performance.md)
    worker.schedule(server::start, SERVER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void openEventsFile() {
    try {
      file.start();
      AgentLog.info("writing events to " + file.file().toAbsolutePath());
    } catch (IOException e) {
      AgentLog.error("cannot write events file " + config.events() + " (" + e.getMessage()
          + "); events are not written");
    }
  }

  Report analyze(Snapshot s) {
    return analyzer().analyze(s);
  }

  /** The report with one section per local node (the console report at shutdown). */
  Report analyzeNodes() {
    return analyzer().analyze(collector.nodeSnapshots());
  }

  private void printSummary() {
    try {
      Snapshot s = collector.snapshot();
      AgentLog.always(Summary.line(s, analyze(s), failures.count() + bridgeFailures())
          + Summary.gossip(gossipCounts.get()));
    } catch (Throwable t) {
      failures.record("summary", t);
    }
  }

  static long bridgeFailures() {
    return dev.privacyagent.bootstrap.PrivacyBridge.bridgeFailures()
        + dev.privacyagent.bootstrap.GossipBridge.bridgeFailures();
  }

  /** Where the summary reads the gossip sampling and loss counts (set once at start-up). */
  public void gossipCounts(Supplier<GossipDispatcher.Counts> counts) {
    this.gossipCounts = counts;
  }

  /** JVM shutdown: final summary and console report on stderr, then close the file and server. */
  public void shutdown() {
    if (!active.get()) {
      return;
    }
    try {
      Snapshot s = collector.snapshot();
      Report r = analyze(s);
      AgentLog.always(Summary.line(s, r, failures.count() + bridgeFailures())
          + Summary.gossip(gossipCounts.get()));
      if (config.report()) {
        StringBuilder sb = new StringBuilder();
        new ConsoleRenderer().render(analyzeNodes(), sb);
        System.err.print(sb);
        System.err.flush();
      }
    } catch (Throwable t) {
      AgentLog.error("could not print the final report: " + t);
    }
    if (file != null) {
      try {
        file.start(); // a JVM that ends at once may exit before the worker opened the file
      } catch (IOException e) {
        // already reported when the worker tried; nothing more to write
      }
      file.close();
    }
    server.close();
    collector.close();
  }
}
