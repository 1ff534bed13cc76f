package dev.privacyagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.agent.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze reads gzip whatever the file is called, and both long commands show their progress. */
class CompressedInputAndProgressTest {
  @TempDir Path dir;

  private Path simulate(String name) {
    Path f = dir.resolve(name);
    Run r = MainTest.run("simulate", "--scenario", "all", "--seed", "5", "--peers", "30", "--out", f.toString(),
        "--progress", "lines");
    assertThat(r.code()).as(r.err()).isZero();
    return f;
  }

  @Test
  void gzipInputGivesTheSameReportAsPlainInputWhateverItsName() throws IOException {
    Path plain = simulate("events.jsonl");
    Path gz = simulate("events.jsonl.gz");
    byte[] head = Arrays.copyOf(Files.readAllBytes(gz), 2);
    assertThat(head).containsExactly(0x1f, 0x8b);
    assertThat(Files.size(gz)).isLessThan(Files.size(plain) / 3);

    Run fromPlain = MainTest.run("analyze", plain.toString(), "--format", "json");
    Run fromGz = MainTest.run("analyze", gz.toString(), "--format", "json");
    assertThat(fromPlain.code()).as(fromPlain.err()).isZero();
    assertThat(fromGz.code()).as(fromGz.err()).isZero();
    assertThat(report(fromGz)).isEqualTo(report(fromPlain));

    // a rotated name: no .gz at the end, still gzip inside
    Path rotated = dir.resolve("events.jsonl.gz.1");
    Files.copy(gz, rotated, StandardCopyOption.REPLACE_EXISTING);
    Run fromRotated = MainTest.run("analyze", rotated.toString(), "--format", "json");
    assertThat(report(fromRotated)).isEqualTo(report(fromPlain));

    // gzip on standard input
    Run fromStdin = MainTest.runWithStdin(Files.readAllBytes(gz), "analyze", "-", "--format", "json");
    assertThat(report(fromStdin)).isEqualTo(report(fromPlain));
  }

  /** The JSON report without what differs between any two runs (the time, the proofs' random salts). */
  private static String report(Run r) {
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().replaceAll("\"(generatedAt|saltHex|commitmentHex)\" : \"[^\"]*\"", "");
  }

  @Test
  void aCutShortGzipFileIsAnInputError() throws IOException {
    Path gz = simulate("events.jsonl.gz");
    byte[] all = Files.readAllBytes(gz);
    Path cut = dir.resolve("cut.jsonl.gz");
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    Run r = MainTest.run("analyze", cut.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("error: cannot read '" + cut + "': the compressed input is cut short");
  }

  @Test
  void analyzeDrawsABarOfBytesReadOfTotalWithRateAndEta() throws IOException {
    Path plain = simulate("events.jsonl");
    long size = Files.size(plain);
    Run r = MainTest.run("analyze", plain.toString(), "--progress", "bar");
    assertThat(r.code()).as(r.err()).isZero();
    String total = String.format(java.util.Locale.ROOT, "%.1f MB", size / 1e6);
    // the closing redraw is always there: full bar, 100%, all bytes of the total, a rate and an ETA
    assertThat(r.err()).contains("\r[analyze] [########################] 100% " + total + " of " + total + "  ")
        .containsPattern("MB/s  ETA 0:00")
        .containsPattern("\\[analyze\\] " + java.util.regex.Pattern.quote(total) + " in \\d+\\.\\d s \\(");
  }

  @Test
  void plainLinesWhenNotATerminal() throws IOException {
    Path plain = simulate("events.jsonl");
    // in tests standard error is a StringWriter, so auto is plain lines: never a '\r'
    Run r = MainTest.run("analyze", plain.toString(), "--progress-every", "1ms");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("\r").containsPattern("\\[analyze\\] [\\d.]+ MB in \\d+\\.\\d s");
    Run off = MainTest.run("analyze", plain.toString(), "--progress", "off");
    assertThat(off.err()).doesNotContain(" MB/s");

    Run sim = MainTest.run("simulate", "--scenario", "clean", "--peers", "20", "--progress", "bar");
    assertThat(sim.code()).isZero();
    assertThat(sim.err()).containsPattern("\r\\[simulate\\] \\[#+\\] 100% [\\d,]+ events of [\\d,]+ events");
  }
}
