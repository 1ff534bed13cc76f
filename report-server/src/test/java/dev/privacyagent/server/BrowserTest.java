package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.server.source.FindingView;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The live page in real headless Chromium: renders, updates without reload, resists XSS. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserTest {
  TestSource source;
  ReportServer server;
  ChromeDriver driver;
  Path profile;

  @BeforeEach
  void start() throws Exception {
    List<FindingView> findings = new ArrayList<>(Fixtures.findings());
    findings.add(new FindingView("conn.few-long-lived", "CONNECTION_PATTERN", "low", 0.6,
        "2 long-lived peers carry 81% of the traffic",
        "Keep more diverse peers connected.", List.of("peers 2")));
    source = new TestSource(Fixtures.view(1, System.currentTimeMillis(), 0.62, findings, 9));
    server = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null), source);
    driver = chrome();
  }

  ChromeDriver chrome() throws Exception {
    Path chromium = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      throw new AssertionError("headless browser tests need Debian packages 'chromium' and "
          + "'chromium-driver' (" + chromium + ", " + chromedriver + "); run bin/test, which "
          + "installs them, or apt-get install -y chromium chromium-driver");
    }
    profile = Files.createTempDirectory("pa-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(chromium.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--window-size=1440,2200",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, o);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      server.close();
      if (profile != null) {
        try (var files = Files.walk(profile)) {
          files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
      }
    }
  }

  WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  @Test
  void pageRendersLiveUpdatesAndShowsHostileStringsAsText() throws Exception {
    driver.get(server.url().toString());
    waitUpTo(15).until(d -> d.findElements(By.cssSelector("#findings .finding")).size() == 3);
    waitUpTo(15).until(d -> "live".equals(d.findElement(By.id("conn-state")).getText()));

    assertThat(driver.findElement(By.id("risk-score")).getText()).isEqualTo("0.62");
    String findings = driver.findElement(By.id("findings")).getText();
    assertThat(findings).contains("1 peer advertises private listen addresses")
        .contains("Filter private and loopback addresses from identify.");
    assertThat(driver.findElement(By.cssSelector(".mock-badge")).getText())
        .isEqualTo("MOCK: no cryptographic guarantee");

    // The hostile agentVersion is shown verbatim as text, and nothing it carries ever ran.
    WebElement peers = driver.findElement(By.id("peers"));
    assertThat(peers.getText()).contains(Fixtures.XSS_AGENT).contains(Fixtures.EVIL_PEER);
    assertThat(driver.findElements(By.cssSelector("#peers img, #findings img, #protocols b")))
        .isEmpty();
    assertThat(js("return typeof window.pwned")).isEqualTo("undefined");

    // New events arrive: the page changes in place, without a reload.
    js("window.__sameDocument = 42;");
    List<FindingView> more = new ArrayList<>(Fixtures.findings());
    more.add(new FindingView("timing.co-occurrence", "TIMING", "critical", 0.95,
        "Streams on 3 connections co-occur within 50 ms in 92% of bursts",
        "Add jitter to periodic publishing.", List.of("connections c1, c2, c3")));
    source.publish(Fixtures.view(2, System.currentTimeMillis(), 0.97, more, 14));
    waitUpTo(15).until(d -> d.findElement(By.id("risk-score")).getText().equals("0.97"));
    assertThat(driver.findElement(By.id("findings")).getText())
        .contains("Streams on 3 connections co-occur within 50 ms");
    assertThat(driver.findElement(By.id("peers-note")).getText()).contains("of 17");
    assertThat(js("return window.__sameDocument")).isEqualTo(42L);
    assertThat(js("return document.body.getAttribute('data-version')")).isEqualTo("2");
    assertThat(js("return typeof window.pwned")).isEqualTo("undefined");

    // The proof panel verifies through the API.
    driver.findElement(By.cssSelector("#proofs button")).click();
    waitUpTo(10).until(d -> d.findElement(By.cssSelector("#proofs .verdict")).getText()
        .contains("verified"));

    js("window.scrollTo(0, 0)");
    Path shots = Path.of(System.getProperty("pa.build.dir", "target"), "screenshots");
    Files.createDirectories(shots);
    File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), shots.resolve("report-page.png"), StandardCopyOption.REPLACE_EXISTING);

    List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertThat(problems).as("browser console warnings and errors").isEmpty();
  }

  @Test
  void realAnalyzerReportRendersWithoutConsoleErrors() throws Exception {
    java.util.List<dev.privacyagent.analyzer.event.Event> events =
        AnalyzerIntegrationTest.traffic(System.currentTimeMillis() - 120_000, 12).events();
    dev.privacyagent.analyzer.collect.MetadataCollector collector =
        new dev.privacyagent.analyzer.collect.MetadataCollector();
    events.forEach(collector::ingest);
    var snapshot = collector.snapshot();
    var report = new dev.privacyagent.analyzer.detect.PrivacyAnalyzer().analyze(snapshot);
    try (ReportServer real = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        dev.privacyagent.server.source.ReportSources.offline(snapshot, report, events))) {
      driver.get(real.url().toString());
      waitUpTo(15).until(d -> d.findElements(By.cssSelector("#findings .finding")).size()
          == report.findings().size());
      assertThat(driver.findElement(By.id("risk-score")).getText())
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", report.riskScore()));
      assertThat(driver.findElement(By.id("peers")).getText()).contains(Fixtures.XSS_AGENT);
      assertThat(js("return typeof window.pwned")).isEqualTo("undefined");
      for (WebElement b : driver.findElements(By.cssSelector("#proofs button"))) {
        b.click();
      }
      waitUpTo(10).until(d -> d.findElements(By.cssSelector("#proofs .verdict")).stream()
          .noneMatch(v -> v.getText().isEmpty() || v.getText().startsWith("checking")));
      js("window.scrollTo(0, 0)");
      Path shots = Path.of(System.getProperty("pa.build.dir", "target"), "screenshots");
      Files.createDirectories(shots);
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), shots.resolve("report-page-analyzer.png"),
          StandardCopyOption.REPLACE_EXISTING);
      List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
      assertThat(problems).as("browser console warnings and errors").isEmpty();
    }
  }

  @Test
  void gossipSectionShowsEachNodesExposureTopicsAndHostileTopicsAsText() throws Exception {
    dev.privacyagent.analyzer.simulate.GossipTraffic sim = new dev.privacyagent.analyzer.simulate.GossipTraffic(1);
    List<dev.privacyagent.analyzer.event.Event> events = new ArrayList<>(sim.events());
    String leaky = sim.truth().nodes().get(dev.privacyagent.analyzer.simulate.GossipTraffic.Role.LEAKY);
    var last = events.get(events.size() - 1);
    String hostile = "/eth2/" + Fixtures.XSS_AGENT + "/topic";
    events.add(new dev.privacyagent.analyzer.event.GossipLocalSubscription(1_000_000, last.timeNanos(), last.wallMillis(),
        leaky, hostile, true, false));
    var collector = new dev.privacyagent.analyzer.collect.MetadataCollector();
    events.forEach(collector::ingest);
    var snapshot = collector.snapshot();
    var report = new dev.privacyagent.analyzer.detect.PrivacyAnalyzer().analyze(snapshot);
    try (ReportServer real = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        dev.privacyagent.server.source.ReportSources.offline(snapshot, report, snapshot.recentEvents()))) {
      driver.get(real.url().toString());
      waitUpTo(20).until(d -> d.findElements(By.cssSelector("#gossip .gossip-node")).size() == 3);
      assertThat(driver.findElement(By.id("gossip-card")).isDisplayed()).isTrue();
      WebElement node = driver.findElement(By.cssSelector("#gossip .gossip-node[data-node='" + leaky + "']"));
      var section = report.gossip().stream().filter(g -> g.node().equals(leaky)).findFirst().orElseThrow();
      assertThat(node.findElement(By.cssSelector(".gossip-share")).getText())
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%", 100 * section.meanLinkProbability()));
      assertThat(node.getText()).contains("beacon_attestation_", "of duties linked (f = 0.10)", Fixtures.XSS_AGENT);
      assertThat(node.findElements(By.cssSelector(".gossip-chart rect.g-off"))).isNotEmpty();
      assertThat(driver.findElements(By.cssSelector("#gossip img"))).isEmpty();
      assertThat(js("return typeof window.pwned")).isEqualTo("undefined");
      js("document.getElementById('gossip-card').scrollIntoView()");
      Path shots = Path.of(System.getProperty("pa.build.dir", "target"), "screenshots");
      Files.createDirectories(shots);
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), shots.resolve("report-page-gossip.png"), StandardCopyOption.REPLACE_EXISTING);
      List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
      assertThat(problems).as("browser console warnings and errors").isEmpty();
    }
  }

  @Test
  void nodeSelectorShowsEachNodeAndTheComparisonMarksTheDifference() throws Exception {
    var collector = new dev.privacyagent.analyzer.collect.MetadataCollector();
    TwoNodes net = new TwoNodes(collector);
    var analyzer = new dev.privacyagent.analyzer.detect.PrivacyAnalyzer();
    var betaRisk = analyzer.analyze(collector.nodeSnapshots()).node("beta").report().riskScore();
    try (ReportServer live = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        dev.privacyagent.server.source.ReportSources.liveNodes(collector::nodeSnapshots, analyzer))) {
      driver.get(live.url().toString());
      waitUpTo(15).until(d -> d.findElements(By.cssSelector("#comparison tbody tr")).size() == 2);
      waitUpTo(15).until(d -> "live".equals(d.findElement(By.id("conn-state")).getText()));
      assertThat(driver.findElement(By.id("comparison-card")).isDisplayed()).isTrue();
      assertThat(driver.findElement(By.id("node-pick")).isDisplayed()).isTrue();
      WebElement betaRow = driver.findElement(By.cssSelector("#comparison tbody tr[data-node='" + TwoNodes.B + "']"));
      assertThat(betaRow.getText()).contains("beta", "only node with plaintext connections");
      // the plaintext column (13th measure) is marked on beta's row only
      assertThat(betaRow.findElements(By.cssSelector("td.diff")).stream().map(WebElement::getText).toList())
          .contains("3");
      WebElement alphaRow = driver.findElement(By.cssSelector("#comparison tbody tr[data-node='" + TwoNodes.A + "']"));
      assertThat(alphaRow.getText()).doesNotContain("plaintext");
      assertThat(driver.findElement(By.id("nodes")).getText()).contains("2 local nodes");

      // choose beta in the selector: the whole page becomes beta's own view
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("node-select"))).selectByVisibleText("beta");
      waitUpTo(15).until(d -> TwoNodes.B.equals(js("return document.body.getAttribute('data-shown-node')")));
      assertThat(driver.findElement(By.id("risk-score")).getText())
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", betaRisk));
      assertThat(driver.findElement(By.id("peers-note")).getText()).contains("3");
      assertThat(driver.findElement(By.id("findings")).getText()).contains("plaintext");
      assertThat(driver.findElement(By.id("nodes")).getText()).contains("node beta");
      waitUpTo(15).until(d -> "live".equals(d.findElement(By.id("conn-state")).getText()));

      // beta's stream delivers beta's updates without a reload
      js("window.__sameDocument = 7;");
      net.betaPeer(3);
      waitUpTo(20).until(d -> d.findElement(By.id("peers-note")).getText().contains("4"));
      assertThat(js("return window.__sameDocument")).isEqualTo(7L);
      assertThat(js("return document.body.getAttribute('data-shown-node')")).isEqualTo(TwoNodes.B);

      // clicking alpha's row in the comparison switches to alpha
      driver.findElement(By.cssSelector("#comparison tbody tr[data-node='" + TwoNodes.A + "']")).click();
      waitUpTo(15).until(d -> TwoNodes.A.equals(js("return document.body.getAttribute('data-shown-node')")));
      assertThat(driver.findElement(By.id("findings")).getText()).doesNotContain("plaintext");

      js("window.scrollTo(0, 0)");
      Path shots = Path.of(System.getProperty("pa.build.dir", "target"), "screenshots");
      Files.createDirectories(shots);
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(png.toPath(), shots.resolve("report-page-nodes.png"), StandardCopyOption.REPLACE_EXISTING);
      List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
      assertThat(problems).as("browser console warnings and errors").isEmpty();
    }
  }

  @Test
  void tokenLinkLogsTheBrowserInAndTheStreamWorksWithTheCookie() throws Exception {
    String token = "browser-token-0123456789abcdef";
    try (ReportServer guarded = ReportServer.start(ServerConfig.of("127.0.0.1", 0, token),
        source)) {
      driver.get(guarded.url().toString());
      assertThat(driver.getPageSource()).contains("token required");
      driver.get(guarded.url() + "?token=" + token);
      waitUpTo(15).until(d -> "live".equals(d.findElement(By.id("conn-state")).getText()));
      assertThat(driver.getCurrentUrl()).isEqualTo(guarded.url().toString());
      assertThat(driver.findElement(By.id("risk-score")).getText()).isEqualTo("0.62");
      // The session cookie is HttpOnly: page scripts cannot read it.
      assertThat(js("return document.cookie")).isEqualTo("");
      source.publish(Fixtures.view(2, System.currentTimeMillis(), 0.44, Fixtures.findings(), 0));
      waitUpTo(15).until(d -> d.findElement(By.id("risk-score")).getText().equals("0.44"));
    }
  }

  /**
   * Chromium sends the session cookie to every port of 127.0.0.1; from a page on another port
   * (here the unguarded server's), following a link to the data gets nothing, while a link to the
   * page still opens it.
   */
  @Test
  void theSessionCookieDoesNotWorkFromAPageOnAnotherPort() throws Exception {
    String token = "browser-token-0123456789abcdef";
    try (ReportServer guarded = ReportServer.start(ServerConfig.of("127.0.0.1", 0, token),
        source)) {
      driver.get(guarded.url() + "?token=" + token);
      waitUpTo(15).until(d -> "live".equals(d.findElement(By.id("conn-state")).getText()));
      String data = guarded.url() + "api/report";
      driver.get(data); // typed: Sec-Fetch-Site none
      assertThat(driver.getPageSource()).contains("riskScore");

      driver.get(server.url().toString());
      waitUpTo(15).until(d -> "live".equals(d.findElement(By.id("conn-state")).getText()));
      js("window.location.href = arguments[0]", data);
      waitUpTo(15).until(d -> d.getCurrentUrl().equals(data)
          && d.getPageSource().contains("cross-origin request refused"));
      assertThat(driver.getPageSource()).doesNotContain("riskScore");

      driver.get(server.url().toString());
      waitUpTo(15).until(d -> "live".equals(d.findElement(By.id("conn-state")).getText()));
      js("window.location.href = arguments[0]", guarded.url().toString());
      waitUpTo(15).until(d -> d.getCurrentUrl().equals(guarded.url().toString())
          && "live".equals(d.findElement(By.id("conn-state")).getText()));
      assertThat(driver.findElement(By.id("risk-score")).getText()).isEqualTo("0.62");
    }
  }

  @Test
  void fallsBackToPollingWithoutServerSentEvents() {
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
        Map.of("source", "Object.defineProperty(window, 'EventSource', {value: undefined});"));
    driver.get(server.url().toString());
    waitUpTo(15).until(d -> "polling".equals(d.findElement(By.id("conn-state")).getText()));
    assertThat(driver.findElement(By.id("risk-score")).getText()).isEqualTo("0.62");
    source.publish(Fixtures.view(2, System.currentTimeMillis(), 0.33, Fixtures.findings(), 0));
    waitUpTo(15).until(d -> d.findElement(By.id("risk-score")).getText().equals("0.33"));
    assertThat(js("return typeof window.pwned")).isEqualTo("undefined");
  }
}
