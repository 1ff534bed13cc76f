package dev.privacyagent.agent.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.privacyagent.agent.dispatch.Failures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events file on a really full filesystem: a 256 KiB tmpfs mounted for the test. Needs root
 * (mount); where that is impossible {@link EventFileWriterTest} covers the same promises with a
 * channel that fails as a full disk does, which always runs.
 */
class RealFullDiskTest {
  @TempDir Path dir;
  private Path mount;
  private boolean mounted;

  @BeforeEach
  void mountSmallFilesystem() throws Exception {
    mount = Files.createDirectory(dir.resolve("small"));
    mounted = run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      assertThat(run("umount", mount.toString())).as("umount " + mount).isTrue();
    }
  }

  private static boolean run(String... cmd) throws Exception {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false; // no mount command
    }
  }

  @Test
  void everyEventIsWrittenOrCountedAndTheFileStaysReadable() throws Exception {
    assumeTrue(mounted, "cannot mount a tmpfs here (not root); EventFileWriterTest covers this with a failing channel");
    Path filler = mount.resolve("filler");
    Files.write(filler, new byte[128 * 1024]);
    Path f = mount.resolve("events.jsonl");
    EventFileWriter w = new EventFileWriter(f, 1 << 30, 100_000, new Failures());
    w.start();
    int n = 5_330;
    for (int i = 1; i <= n; i++) {
      w.accept(EventFileWriterTest.event(i));
      if (i % 200 == 0) {
        Thread.sleep(2);
      }
    }
    EventFileWriterTest.awaitHandled(w, n);
    assertThat(w.failedWrites()).as("the disk filled up").isPositive();
    assertThat(EventFileWriterTest.read(f)).hasSize((int) w.written());

    Files.delete(filler); // space returns
    for (int i = n + 1; i <= n + 200; i++) {
      w.accept(EventFileWriterTest.event(i));
    }
    EventFileWriterTest.awaitHandled(w, n + 200);
    w.close();
    var all = EventFileWriterTest.read(f);
    assertThat(all).hasSize((int) w.written());
    assertThat(all.get(all.size() - 1).seq()).isEqualTo(n + 200);
    assertThat(w.written() + w.dropped()).isEqualTo(n + 200);
  }
}
