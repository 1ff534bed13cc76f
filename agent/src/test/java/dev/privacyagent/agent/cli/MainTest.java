package dev.privacyagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line in-process and checks exit codes, messages and outputs. */
class MainTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run runWithStdin(byte[] stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin));
    try {
      return run(args);
    } finally {
      System.setIn(saved);
    }
  }

  private Path simulate(String scenario, long seed) {
    Path f = dir.resolve(scenario + "-" + seed + ".jsonl");
    Run r = run("simulate", "--scenario", scenario, "--seed", "" + seed, "--peers", "30", "--out", f.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("events of scenario " + scenario);
    return f;
  }

  private static Set<String> categories(String json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    Set<String> out = new HashSet<>();
    root.get("findings").forEach(f -> out.add(f.get("category").asText()));
    return out;
  }

  @Test
  void twoRecordedNodesAreComparedSideBySideAndNodeNarrowsToOne() throws IOException {
    Path leaky = simulate("leakage", 5);
    Path clean = simulate("clean", 6);
    Run json = run("analyze", leaky.toString(), clean.toString(), "--format", "json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("nodes")).hasSize(2);
    assertThat(root.get("comparison")).hasSize(2);
    JsonNode leakyRow = root.get("comparison").get(0);
    JsonNode cleanRow = root.get("comparison").get(1);
    assertThat(leakyRow.get("plaintextConnections").asLong()).isPositive();
    assertThat(cleanRow.get("plaintextConnections").asLong()).isZero();
    assertThat(leakyRow.get("riskScore").asDouble()).isGreaterThan(cleanRow.get("riskScore").asDouble());
    assertThat(leakyRow.get("highlights").toString()).contains("only node with plaintext connections");

    Run console = run("analyze", leaky.toString(), clean.toString());
    assertThat(console.out()).contains("NODES SIDE BY SIDE (2 local nodes", "NODE " + cleanRow.get("name").asText());

    Run one = run("analyze", leaky.toString(), clean.toString(), "--node", cleanRow.get("name").asText(),
        "--format", "json");
    assertThat(one.code()).as(one.err()).isZero();
    JsonNode narrowed = new ObjectMapper().readTree(one.out());
    assertThat(narrowed.get("nodes")).hasSize(1);
    assertThat(narrowed.get("localNodes").get(0).asText()).isEqualTo(cleanRow.get("node").asText());
    assertThat(narrowed.get("riskScore").asDouble()).isEqualTo(cleanRow.get("riskScore").asDouble());

    Run missing = run("analyze", leaky.toString(), "--node", "nope");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("no local node 'nope' in the input; its nodes: ");
  }

  @Test
  void baselineWithOneMisconfigurationRaisesItsFinding() throws IOException {
    Path base = dir.resolve("base.jsonl");
    Path plain = dir.resolve("plain.jsonl");
    assertThat(run("simulate", "--scenario", "baseline", "--out", base.toString()).code()).isZero();
    Run r = run("simulate", "--scenario", "baseline", "--misconfig", "plaintext", "--out", plain.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Run a = run("analyze", base.toString(), "--format", "json");
    Run b = run("analyze", plain.toString(), "--format", "json");
    JsonNode clean = new ObjectMapper().readTree(a.out());
    JsonNode bad = new ObjectMapper().readTree(b.out());
    assertThat(clean.get("riskScore").asDouble()).isLessThan(0.2);
    assertThat(clean.get("findings").toString()).doesNotContain("transport.plaintext");
    assertThat(bad.get("findings").toString()).contains("transport.plaintext");
    Run wrong = run("simulate", "--scenario", "clean", "--misconfig", "plaintext");
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("--misconfig needs --scenario baseline");
    Run unknown = run("simulate", "--scenario", "baseline", "--misconfig", "typo");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown misconfiguration 'typo'");
  }

  @Test
  void noSubcommandIsAUsageError() {
    Run r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: a subcommand is required");
  }

  @Test
  void helpListsSubcommandsAndExitCodes() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("analyze", "simulate", "attach", "list", "Exit codes:", "3", "input error");
    Run a = run("analyze", "--help");
    assertThat(a.code()).isZero();
    assertThat(a.out()).contains("--format", "console, json, html", "--lenient", "--window", "Exit codes:");
  }

  @Test
  void missingFileIsAnInputError() {
    Run r = run("analyze", dir.resolve("nope.jsonl").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("error: cannot read '" + dir.resolve("nope.jsonl") + "': no such file");
    Run d = run("analyze", dir.toString());
    assertThat(d.code()).isEqualTo(3);
    assertThat(d.err()).contains("it is a directory");
  }

  @Test
  void badOptionsAreUsageErrors() {
    Run unknown = run("analyze", "--bogus", "x.jsonl");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--bogus'", "Run 'privacy-agent analyze --help' for usage.");
    Run format = run("analyze", "--format", "xml", "x.jsonl");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("--format", "xml", "console, json, html");
    Run window = run("analyze", "--window", "soon", "x.jsonl");
    assertThat(window.code()).isEqualTo(2);
    assertThat(window.err()).contains("'soon' is not a duration");
    Run noFile = run("analyze");
    assertThat(noFile.code()).isEqualTo(2);
    assertThat(noFile.err()).contains("Missing required parameter");
    Run scenario = run("simulate", "--scenario", "nope");
    assertThat(scenario.code()).isEqualTo(2);
    assertThat(scenario.err()).contains("unknown scenario 'nope' (expected timing, anonymity, fingerprint, leakage, clean, all, gossip, baseline)");
    Run peers = run("simulate", "--scenario", "clean", "--peers", "0");
    assertThat(peers.code()).isEqualTo(2);
    assertThat(peers.err()).contains("--peers must be between 1 and 5000, got 0");
    Run twoStdin = run("analyze", "-", "-");
    assertThat(twoStdin.code()).isEqualTo(2);
    assertThat(twoStdin.err()).contains("'-' (stdin) may be given only once");
  }

  @Test
  void simulateThenAnalyzeAllYieldsTheExpectedCategoriesInEveryFormat() throws IOException {
    Path events = simulate("all", 42);
    Path json = dir.resolve("r.json");
    Run r = run("analyze", events.toString(), "--format", "json", "-o", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("[analyze] read ", "json report written to " + json);
    assertThat(categories(Files.readString(json)))
        .contains("TIMING", "ANONYMITY_SET", "FINGERPRINTING", "ADDRESS_LEAKAGE", "LINKABILITY", "TRANSPORT_SECURITY");

    Path html = dir.resolve("r.html");
    Run h = run("analyze", events.toString(), "--format", "html", "-o", html.toString());
    assertThat(h.code()).as(h.err()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("MOCK: no cryptographic guarantee");

    Run c = run("analyze", events.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).contains("MOCK: no cryptographic guarantee");
  }

  @Test
  void stdinPipelineWorks() throws IOException {
    Run sim = run("simulate", "--scenario", "timing", "--peers", "20");
    assertThat(sim.code()).isZero();
    assertThat(sim.out().lines().findFirst().orElseThrow()).startsWith("{\"v\":1,\"type\":\"HostCreated\"");
    Run r = runWithStdin(sim.out().getBytes(StandardCharsets.UTF_8), "analyze", "-", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(categories(r.out())).contains("TIMING");
  }

  @Test
  void strictStopsAtABadLineAndLenientSkipsIt() throws IOException {
    Path good = simulate("clean", 1);
    Path bad = dir.resolve("bad.jsonl");
    java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(good));
    lines.add(1, "{\"v\":1,\"type\":\"PingRtt\"}");
    lines.add(3, "{\"v\":1,\"type\":\"GossipGraft\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\"}");
    Files.write(bad, lines);
    Run strict = run("analyze", bad.toString());
    assertThat(strict.code()).isEqualTo(3);
    assertThat(strict.err()).contains("error: " + bad + ":2: missing required field", "--lenient skips bad lines");
    Run lenient = run("analyze", bad.toString(), "--lenient", "--format", "json");
    assertThat(lenient.code()).as(lenient.err()).isZero();
    assertThat(lenient.err()).contains("1 bad line(s) skipped", "skipped " + bad + ":2:",
        "note: unknown event type 'GossipGraft' on 1 line(s), not analysed");
    JsonNode counters = new ObjectMapper().readTree(lenient.out()).findValue("skippedLines");
    assertThat(counters.asLong()).isEqualTo(1);
  }

  @Test
  void severalFilesMergeIntoOneAnalysis() throws IOException {
    Path a = simulate("clean", 1);
    Path b = simulate("clean", 2);
    Run r = run("analyze", a.toString(), b.toString(), "--format", "json", "--window", "10m");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("of 2 input(s)");
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.findValue("localNodes")).hasSize(2);
  }

  @Test
  void unwritableOutputIsAnOutputError() {
    Path events = simulate("clean", 3);
    Run r = run("analyze", events.toString(), "-o", dir.resolve("no/such/dir/r.txt").toString());
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("error: cannot write", "no such directory");
    Run s = run("simulate", "--scenario", "clean", "--out", dir.toString());
    assertThat(s.code()).isEqualTo(4);
    assertThat(s.err()).contains("it is a directory");
  }

  @Test
  void referencePopulationRatesTheAgentAgainstTheBundledCrawlOrAFile() throws IOException {
    Path events = simulate("fingerprint", 7);
    Path json = dir.resolve("ref.json");
    Run r = run("analyze", events.toString(), "--reference", "ethereum", "--format", "json", "-o", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(json)).contains("\"reference\"", "ethereum-cl-agents-2023-11.csv");

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "agent,share_percent\nteku,abc\n");
    Run b = run("analyze", events.toString(), "--reference", bad.toString());
    assertThat(b.code()).isEqualTo(3);
    assertThat(b.err()).contains("bad reference population", "bad.csv:2", "not a number");

    Run missing = run("analyze", events.toString(), "--reference", dir.resolve("none.csv").toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("no such file", "'ethereum'");
  }

  @Test
  void maxMemoryCapsTheCollectorAndTheReportCountsWhatItDidNotKeep() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      lines.append("{\"v\":1,\"type\":\"ConnectionOpened\",\"seq\":").append(i + 1)
          .append(",\"timeNanos\":").append(i).append(",\"wallMillis\":").append(1_700_000_000_000L + i)
          .append(",\"node\":\"n\",\"connId\":\"c").append(i).append("\",\"localPeerId\":\"n\",")
          .append("\"remotePeerId\":\"p").append(i).append("\",\"remoteAddr\":\"/ip4/100.1.")
          .append(i % 250).append(".").append(i / 250).append("/tcp/1\",\"direction\":\"INBOUND\"}\n");
    }
    Path f = dir.resolve("open.jsonl");
    Files.writeString(f, lines);
    Run small = run("analyze", "--format", "json", "--max-memory", "128k", f.toString());
    assertThat(small.code()).as(small.err()).isZero();
    JsonNode c = new ObjectMapper().readTree(small.out()).get("counters");
    assertThat(c.get("memoryCapBytes").asLong()).isEqualTo(128 * 1024);
    assertThat(c.get("untrackedConnections").asLong()).isPositive();
    assertThat(c.get("estimatedBytes").asLong()).isLessThanOrEqualTo(128 * 1024);
    assertThat(small.err()).contains("connection(s) not tracked");
    Run roomy = run("analyze", "--format", "json", "--max-memory", "1g", f.toString());
    assertThat(new ObjectMapper().readTree(roomy.out()).get("counters").get("untrackedConnections").asLong()).isZero();
    assertThat(run("analyze", "--max-memory", "12k", f.toString()).code()).isEqualTo(2);
    assertThat(run("analyze", "--max-memory", "lots", f.toString()).code()).isEqualTo(2);
  }

  @Test
  void gossipScenarioIsAnalysedWithTheAdversaryShareGiven() throws IOException {
    Path f = dir.resolve("gossip.jsonl");
    Run sim = run("simulate", "--scenario", "gossip", "--out", f.toString());
    assertThat(sim.code()).as(sim.err()).isZero();
    Run r = run("analyze", f.toString(), "--format", "json", "--adversary-share", "0.2");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode gossip = new ObjectMapper().readTree(r.out()).get("gossip");
    assertThat(gossip).hasSize(3);
    gossip.forEach(g -> assertThat(g.get("adversaryShare").asDouble()).isEqualTo(0.2));
    assertThat(categories(r.out())).contains("DUTY_EXPOSURE", "ORIGIN_EXPOSURE", "GOSSIP_SUBSCRIPTIONS");
    Run bad = run("analyze", f.toString(), "--adversary-share", "1.5");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--adversary-share must be between 0 and 1");
  }
}
