package dev.privacyagent.agent.cli;

import dev.privacyagent.agent.cli.progress.ProgressMeter;
import dev.privacyagent.agent.cli.progress.ProgressOptions;
import dev.privacyagent.agent.cli.progress.ProgressText;
import dev.privacyagent.analyzer.codec.EventWriter;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.simulate.Misconfiguration;
import dev.privacyagent.analyzer.simulate.Scenario;
import dev.privacyagent.analyzer.simulate.TrafficSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code simulate}: deterministic synthetic events with known privacy problems. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Write deterministic synthetic libp2p events (JSON Lines, docs/events.md) with known privacy problems.",
      "Scenarios: timing, anonymity, fingerprint, leakage (each a known problem); clean (nothing of medium "
          + "severity or above); all (clean traffic plus every problem); gossip (an Ethereum-like gossip "
          + "network seen by a leaky, a careful and a flood-publishing node). The same scenario, peers and seed "
          + "give the same bytes.",
      "Example: privacy-agent simulate --scenario all | privacy-agent analyze - --format html -o report.html"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal error (a bug: please report it)",
      "2:usage error: unknown or bad option or argument",
      "4:output error: the events could not be written"
    })
public final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--scenario", required = true, paramLabel = "NAME",
      description = "timing, anonymity, fingerprint, leakage, clean, all, gossip or baseline")
  String scenario;

  @Option(names = "--misconfig", paramLabel = "NAME",
      description = "with --scenario baseline: one misconfiguration on top of the mainnet-like baseline: "
          + "plaintext, private-listen-address, strict-heartbeat, verbose-agent, few-peers-one-prefix, "
          + "reconnecting-crawler (docs/detectors.md, calibration)")
  String misconfig;

  @Option(names = "--peers", paramLabel = "N", defaultValue = "" + TrafficSimulator.DEFAULT_PEERS,
      description = "peers in the simulated network, 1 to " + TrafficSimulator.MAX_PEERS
          + " (default: ${DEFAULT-VALUE}; scenarios keep a minimum they need)")
  int peers;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + TrafficSimulator.DEFAULT_SEED,
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "write to FILE instead of standard output; gzip when FILE ends in .gz")
  Path out;

  @Mixin ProgressOptions progress;

  @Override
  public Integer call() {
    Scenario s;
    try {
      s = Scenario.parse(scenario);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
    }
    if (peers < 1 || peers > TrafficSimulator.MAX_PEERS) {
      throw new ParameterException(spec.commandLine(),
          "--peers must be between 1 and " + TrafficSimulator.MAX_PEERS + ", got " + peers);
    }
    Misconfiguration mis = Misconfiguration.NONE;
    if (misconfig != null) {
      if (s != Scenario.BASELINE) {
        throw new ParameterException(spec.commandLine(), "--misconfig needs --scenario baseline");
      }
      try {
        mis = Misconfiguration.parse(misconfig);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--misconfig: " + e.getMessage());
      }
    }
    List<Event> events = s == Scenario.BASELINE
        ? new TrafficSimulator(seed, peers).baseline(mis) : new TrafficSimulator(seed, peers).generate(s);
    PrintWriter err = spec.commandLine().getErr();
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      try {
        EventWriter w = new EventWriter(stdout);
        writeAll(events, w, err);
        w.flush();
      } catch (IOException e) {
        throw new CliException(ExitCodes.OUTPUT, "cannot write events: " + e.getMessage());
      }
      if (stdout.checkError()) {
        throw new CliException(ExitCodes.OUTPUT, "cannot write events to standard output");
      }
      return ExitCodes.OK;
    }
    if (Files.isDirectory(out)) {
      throw new CliException(ExitCodes.OUTPUT, "cannot write '" + out + "': it is a directory");
    }
    boolean gzip = out.getFileName().toString().endsWith(".gz");
    try (OutputStream os = gzip ? new GZIPOutputStream(Files.newOutputStream(out), 1 << 16) : Files.newOutputStream(out);
        EventWriter w = new EventWriter(os)) {
      writeAll(events, w, err);
    } catch (IOException e) {
      throw new CliException(ExitCodes.OUTPUT, "cannot write '" + out + "': " + AnalyzeCommand.describe(e));
    }
    err.printf("[simulate] %,d events of scenario %s (peers %d, seed %d) written to %s%s%n",
        events.size(), s.cliName(), peers, seed, out, gzip ? " (gzip)" : "");
    err.flush();
    return ExitCodes.OK;
  }

  private void writeAll(List<Event> events, EventWriter w, PrintWriter err) throws IOException {
    AtomicLong written = new AtomicLong();
    try (ProgressMeter meter = progress.start("simulate", ProgressText.Unit.EVENTS, written::get, events.size(),
        TerminalSafeWriter.unescaped(err))) {
      for (Event e : events) {
        w.write(e);
        written.lazySet(written.get() + 1);
      }
    }
  }
}
