package dev.privacyagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze's messages never carry raw control characters; a failed stdout is exit status 4. */
class TerminalAndPipesTest {
  @TempDir Path dir;

  static final String ESC = "\u001b";

  /** Every character of {@code s} a terminal could interpret, newlines excepted. */
  static List<String> rawControls(String s) {
    List<String> bad = new ArrayList<>();
    for (char c : s.toCharArray()) {
      if (c != '\n' && dev.privacyagent.analyzer.report.Text.unsafeForTerminal(c)) {
        bad.add(String.format("U+%04X", (int) c));
      }
    }
    return bad;
  }

  private Path file(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void untrustedNamesAndTokensInMessagesAreEscaped() throws Exception {
    String host = "{\"v\":1,\"type\":\"HostCreated\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1700000000000,"
        + "\"node\":\"n\",\"peerId\":\"n\"";
    Path f = file("evil.jsonl", String.join("\n",
        "{\"v\":1,\"type\":\"abc\\u001bcdef\"}", // unknown type name with ESC c (terminal reset)
        host + ",\"x\\u001b[31m\":1}", // unknown field name
        "{\"v\":1,\"type\":\"ConnectionOpened\",\"seq\":2,\"timeNanos\":2,\"wallMillis\":1700000000001,"
            + "\"node\":\"n\",\"connId\":\"c\",\"localPeerId\":\"n\",\"remotePeerId\":\"p\",\"direction\":\"IN\\u009b2J\"}", // bad enum value, C1 CSI
        "abc" + ESC + "cdef", // Jackson echoes the bad token
        "{\"v\":1,\"type\":\"Host" + ESC + "c\"}", // a raw control character inside a string
        host + "}", ""));
    MainTest.Run lenient = MainTest.run("analyze", "--lenient", f.toString());
    assertThat(lenient.code()).as(lenient.err()).isZero();
    assertThat(lenient.err()).contains("abc\\u001bcdef", "\\u001b[31m", "\\u009b2J", "skipped");
    assertThat(rawControls(lenient.err())).as(lenient.err()).isEmpty();
    assertThat(rawControls(lenient.out())).isEmpty();

    for (String line : List.of("abc" + ESC + "cdef", "{\"v\":1,\"type\":\"Host" + ESC + "c\"}",
        "{\"v\":1,\"type\":\"ConnectionOpened\",\"seq\":2,\"timeNanos\":2,\"wallMillis\":1700000000001,"
            + "\"node\":\"n\",\"connId\":\"c\",\"localPeerId\":\"n\",\"remotePeerId\":\"p\",\"direction\":\"IN" + ESC + "c\"}")) {
      MainTest.Run strict = MainTest.run("analyze", file("one.jsonl", line + "\n").toString());
      assertThat(strict.code()).as(strict.err()).isEqualTo(3);
      assertThat(strict.err()).contains("one.jsonl:1");
      assertThat(rawControls(strict.err())).as(strict.err()).isEmpty();
    }

    MainTest.Run name = MainTest.run("analyze", dir.resolve("no" + ESC + "c.jsonl").toString());
    assertThat(name.code()).isEqualTo(3);
    assertThat(rawControls(name.err())).as(name.err()).isEmpty();
  }

  @Test
  void jsonReportsEscapeWhatATerminalWouldInterpret() throws Exception {
    Path f = file("agent.jsonl", String.join("\n",
        "{\"v\":1,\"type\":\"HostCreated\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1700000000000,"
            + "\"node\":\"n\\u009b\\u202e\\u007f\",\"peerId\":\"n\"}", ""));
    MainTest.Run r = MainTest.run("analyze", "--format", "json", f.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsIgnoringCase("\\u009b").containsIgnoringCase("\\u202e")
        .containsIgnoringCase("\\u007f");
    assertThat(rawControls(r.out())).isEmpty();
  }

  /** Runs the real main in a JVM of its own, stdout as the shell redirection {@code redirect} says. */
  private Process analyzeInJvm(Path input, String redirect) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
        + Main.class.getName() + " analyze '" + input + "' " + redirect;
    return new ProcessBuilder("sh", "-c", cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
  }

  private Path simulated() {
    Path f = dir.resolve("sim.jsonl");
    MainTest.Run r = MainTest.run("simulate", "--scenario", "all", "--peers", "20", "--out", f.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return f;
  }

  @Test
  void aFullDiskOnStdoutIsAnOutputError() throws Exception {
    assertThat(new File("/dev/full")).exists();
    Process p = analyzeInJvm(simulated(), "> /dev/full");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isEqualTo(4);
    assertThat(err).contains("error: cannot write");
  }

  @Test
  void aClosedStdoutIsAnOutputError() throws Exception {
    Process p = analyzeInJvm(simulated(), ">&-");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isEqualTo(4);
    assertThat(err).contains("error: cannot write");
  }
}
