package dev.privacyagent.agent.cli;

import dev.privacyagent.agent.cli.progress.ProgressMeter;
import dev.privacyagent.agent.cli.progress.ProgressOptions;
import dev.privacyagent.agent.cli.progress.ProgressText;
import dev.privacyagent.analyzer.codec.ReadStats;
import dev.privacyagent.analyzer.collect.CollectorConfig;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.NodeSnapshot;
import dev.privacyagent.analyzer.collect.NodeSnapshots;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.AnalyzerConfig;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.detect.ReferencePopulation;
import dev.privacyagent.analyzer.render.ReportRenderer;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Text;
import dev.privacyagent.server.ServeUntilInterrupted;
import dev.privacyagent.server.ServerConfig;
import dev.privacyagent.server.source.ReportSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyze FILE...}: a privacy report from recorded events (JSON Lines, docs/events.md). */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse recorded libp2p events (JSON Lines, see docs/events.md) and print a privacy report.",
      "Several files (several nodes) are merged into one analysis; '-' reads standard input."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (findings do not change the exit code)",
      "1:internal error (a bug: please report it)",
      "2:usage error: unknown or bad option or argument",
      "3:input error: missing or unreadable file, bad event line",
      "4:output error: the report or events could not be written"
    })
public final class AnalyzeCommand implements Callable<Integer> {

  /** Report formats. */
  public enum Format {
    console,
    json,
    html
  }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "event files; '-' for standard input")
  List<String> files;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console",
      description = "report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write the report to OUT instead of standard output")
  Path output;

  @Option(names = "--lenient", description = "skip bad lines (counted and reported) instead of stopping at the first")
  boolean lenient;

  @Option(names = "--window", paramLabel = "D", converter = DurationConverter.class,
      description = "analyse only the last D of event time (e.g. 90s, 15m, 2h, PT30M); default: the whole run")
  Duration window;

  @Option(names = "--max-memory", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "cap on the collector's estimated state (e.g. 256m, 2g; at least 64k; default: 64m): above it "
          + "the oldest closed state is evicted and, when only open connections are left, new ones are not "
          + "tracked; everything not kept is counted in the report")
  Long maxMemory;

  @Option(names = "--reference", paramLabel = "POP",
      description = "also rate the agentVersion against a measured population: 'ethereum' (bundled Ethereum "
          + "consensus-layer crawl, Nov 2023) or a CSV file of agent,share_percent")
  String reference;

  @Option(names = "--node", paramLabel = "ID|NAME",
      description = "report only this local node (peer id or node name); default: every node, side by side")
  String node;

  @Option(names = "--adversary-share", paramLabel = "F", defaultValue = "0.1",
      description = "share of a node's peers the adversary of the gossip duty-exposure measure holds, 1-(1-F)^k "
          + "(0 < F < 1; default: ${DEFAULT-VALUE})")
  double adversaryShare;

  @Option(names = "--serve", description = "serve the report as a live web page and JSON API until interrupted (Ctrl-C)")
  boolean serve;

  @Option(names = "--port", paramLabel = "N", defaultValue = "7878",
      description = "port for --serve; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "address for --serve (default: ${DEFAULT-VALUE}); a non-loopback address needs --token")
  String bind;

  @Option(names = "--token", paramLabel = "T",
      description = "for --serve: require T on every request (Authorization: Bearer T, or open /?token=T once)")
  String token;

  @Mixin ProgressOptions progress;

  private AnalyzerConfig config() {
    if (!(adversaryShare > 0 && adversaryShare < 1)) {
      throw new ParameterException(spec.commandLine(), "--adversary-share must be between 0 and 1 (exclusive), got "
          + adversaryShare);
    }
    return AnalyzerConfig.defaults().withAdversaryShare(adversaryShare);
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    AnalyzerConfig cfg = config();
    NodeSnapshots snapshots = load(err);
    if (node != null) {
      NodeSnapshots one = snapshots.only(node);
      if (one == null) {
        throw new CliException(ExitCodes.INPUT, "no local node '" + Text.bound(node, 128)
            + "' in the input; its nodes: " + nodeList(snapshots));
      }
      snapshots = one;
    }
    Snapshot snapshot = snapshots.all();
    Report report = new PrivacyAnalyzer(cfg, referencePopulation()).analyze(snapshots);
    if (serve) {
      if (output != null) {
        write(report, err);
      }
      return serve(snapshots, report, err);
    }
    write(report, err);
    return ExitCodes.OK;
  }

  private static String nodeList(NodeSnapshots s) {
    StringBuilder sb = new StringBuilder();
    for (NodeSnapshot n : s.nodes()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(Text.bound(n.node(), 128));
      sb.append(" (").append(Text.bound(n.name(), 128)).append(')');
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }

  /** {@code --reference}: null when absent; a bad name or file is an input error. */
  private ReferencePopulation referencePopulation() {
    if (reference == null) {
      return null;
    }
    if (reference.equalsIgnoreCase("ethereum")) {
      return ReferencePopulation.ethereumConsensus2023();
    }
    Path file = Path.of(reference);
    if (!Files.isRegularFile(file)) {
      throw new CliException(ExitCodes.INPUT, "cannot read reference population '" + reference
          + "': no such file (use 'ethereum' for the bundled one)");
    }
    try {
      return ReferencePopulation.load(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(ExitCodes.INPUT, "bad reference population: " + e.getMessage());
    }
  }

  /** {@code --serve}: the offline report on the embedded report server until Ctrl-C. */
  private int serve(NodeSnapshots snapshots, Report report, PrintWriter err) {
    ServerConfig config;
    try {
      config = ServerConfig.of(bind, port, token);
      config.resolveBindAddress();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    try {
      ServeUntilInterrupted.serve(
          config, ReportSources.offline(snapshots, report, snapshots.all().recentEvents()), err);
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.OUTPUT, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  /** Reads every input into a collector and returns its snapshot; reports input notes on {@code err}. */
  NodeSnapshots load(PrintWriter err) {
    CollectorConfig config = CollectorConfig.defaults().withWindow(window == null ? Duration.ZERO : window);
    if (maxMemory != null) {
      if (maxMemory < CollectorConfig.MIN_MEMORY_CAP) {
        throw new CliException(ExitCodes.USAGE,
            "--max-memory must be at least " + CollectorConfig.MIN_MEMORY_CAP / 1024 + "k, got " + maxMemory + " bytes");
      }
      config = config.withMemoryCap(maxMemory);
    }
    MetadataCollector collector = new MetadataCollector(config);
    try (EventInputs inputs = new EventInputs(files, lenient, System.in)) {
      long events;
      try (ProgressMeter meter = progress.start("analyze", ProgressText.Unit.BYTES, inputs::bytesRead,
          inputs.totalBytes(), TerminalSafeWriter.unescaped(err))) {
        events = inputs.copyTo(collector::ingestDecoded); // the readers bound every value
      }
      ReadStats stats = inputs.stats();
      collector.recordInput(stats);
      err.printf(Locale.ROOT, "[analyze] read %,d events from %,d line(s) of %d input(s)%s%n",
          events, stats.lines(), inputs.count(),
          lenient ? String.format(Locale.ROOT, ", %,d bad line(s) skipped", stats.skippedLines()) : "");
      for (String problem : stats.problems()) {
        err.println("[analyze] skipped " + problem);
      }
      for (String note : stats.notes()) {
        err.println("[analyze] note: " + note);
      }
      err.flush();
      NodeSnapshots snapshots = collector.nodeSnapshots();
      for (String note : snapshots.all().notes()) {
        if (!stats.notes().contains(note)) {
          err.println("[analyze] note: " + note); // what the collector could not keep
        }
      }
      err.flush();
      return snapshots;
    }
  }

  private void write(Report report, PrintWriter err) {
    ReportRenderer renderer = ReportRenderer.forFormat(format.name());
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      try {
        renderer.render(report, out);
      } catch (IOException e) {
        throw new CliException(ExitCodes.OUTPUT, "cannot write the report: " + e.getMessage());
      }
      out.flush();
      if (out.checkError()) {
        throw new CliException(ExitCodes.OUTPUT, "cannot write the report to standard output");
      }
      return;
    }
    if (Files.isDirectory(output)) {
      throw new CliException(ExitCodes.OUTPUT, "cannot write '" + output + "': it is a directory");
    }
    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      renderer.render(report, w);
    } catch (IOException e) {
      throw new CliException(ExitCodes.OUTPUT, "cannot write '" + output + "': " + describe(e));
    }
    err.println("[analyze] " + format + " report written to " + output);
    err.flush();
  }

  static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }
}
