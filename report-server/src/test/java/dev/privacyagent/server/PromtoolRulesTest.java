package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/alerts: the alerting rules pass {@code promtool check rules}, their unit tests pass
 * {@code promtool test rules}, and every metric they query is one the server exports.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PromtoolRulesTest {
  static final Path DIR = Path.of(System.getProperty("docs.dir", "../docs"), "alerts");

  record Run(int exit, String output) {}

  static Run promtool(String... args) throws Exception {
    Path promtool = Path.of(System.getProperty("promtool.path", "/usr/bin/promtool"));
    if (!Files.isExecutable(promtool)) {
      throw new AssertionError("promtool not found at " + promtool + ": install the Debian package"
          + " 'prometheus' (apt-get install -y prometheus) or run bin/test, which installs it");
    }
    List<String> cmd = new java.util.ArrayList<>(List.of(promtool.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool did not finish in 60 s");
    }
    return new Run(p.exitValue(), out);
  }

  @Test
  void rulesAreValidAndTheirUnitTestsPass() throws Exception {
    Run check = promtool("check", "rules", "privacy-agent-rules.yml");
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 4 rules found");
    Run test = promtool("test", "rules", "privacy-agent-rules.test.yml");
    assertThat(test.exit()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void aBrokenExpectationFailsTheUnitTests() throws Exception {
    // the unit tests can fail: the same tests against a rule that never fires do
    String rules = Files.readString(DIR.resolve("privacy-agent-rules.yml"))
        .replace("libp2p_privacy_risk_score > 0.5", "libp2p_privacy_risk_score > 5");
    Path tmp = Files.createTempDirectory("pa-rules-");
    try {
      Files.writeString(tmp.resolve("privacy-agent-rules.yml"), rules);
      Files.copy(DIR.resolve("privacy-agent-rules.test.yml"), tmp.resolve("privacy-agent-rules.test.yml"));
      Path promtool = Path.of(System.getProperty("promtool.path", "/usr/bin/promtool"));
      Process p = new ProcessBuilder(promtool.toString(), "test", "rules", "privacy-agent-rules.test.yml")
          .directory(tmp.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isNotZero();
      assertThat(out).contains("Libp2pPrivacyRiskHigh");
    } finally {
      try (var files = Files.walk(tmp)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void everyMetricTheRulesQueryIsExported() throws Exception {
    String rules = Files.readString(DIR.resolve("privacy-agent-rules.yml"));
    Matcher m = Pattern.compile("\\b(libp2p_[a-z_]+)").matcher(rules);
    java.util.Set<String> names = new java.util.TreeSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).contains("libp2p_privacy_risk_score", "libp2p_swarm_connections_opened_total",
        "libp2p_privacy_collector_dropped_total");
    String metrics = dev.privacyagent.server.metrics.MetricsRenderer.render(
        Fixtures.view(1, System.currentTimeMillis(), 0.5, Fixtures.findings(), 3));
    for (String name : names) {
      assertThat(metrics).as(name).contains("# TYPE " + name + " ");
    }
  }
}
