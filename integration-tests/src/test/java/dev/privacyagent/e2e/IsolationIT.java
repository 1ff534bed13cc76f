package dev.privacyagent.e2e;

import static dev.privacyagent.e2e.E2e.truthOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The application never feels the agent: not when it fails, not by waiting for it. */
class IsolationIT {

  /** Frames of the agent (the sample application lives in dev.privacyagent.sample). */
  static boolean agentFrame(RecordedFrame f) {
    String c = f.getMethod().getType().getName();
    return c.startsWith("dev.privacyagent.")
        && !c.startsWith("dev.privacyagent.sample.");
  }

  /**
   * Weaving happens inside the JVM's class loading, on the thread that loads the class, under the
   * class loader's locks: a one-time cost per class, not a wait on the running agent.
   */
  static boolean loadingAClass(RecordedEvent e) {
    for (RecordedFrame f : e.getStackTrace().getFrames()) {
      if (f.getMethod().getType().getName().equals("sun.instrument.TransformerManager")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first read of a getter per class resolves it through JDK reflection, whose caches
   * synchronise internally; the result is cached lock-free, so this happens a few dozen times per
   * JVM (once per jvm-libp2p class and getter), never again after warm-up.
   */
  static boolean firstGetterLookup(RecordedEvent e) {
    for (RecordedFrame f : e.getStackTrace().getFrames()) {
      if (f.getMethod().getType().getName().equals("dev.privacyagent.agent.dispatch.Reflect")
          && f.getMethod().getName().equals("find")) {
        return true;
      }
    }
    return false;
  }

  static boolean agentThread(String name) {
    return name.startsWith("privacy-agent") || name.startsWith("pa-http");
  }

  @Test
  void aDispatcherThatThrowsOnEveryEventChangesNothingForTheApplication() throws Exception {
    Path dir = E2e.dir("fault");
    E2e.Proc p =
        E2e.Proc.start(
            E2e.javaOf(E2e.JDK17),
            List.of(E2e.agentArg("faultInjection=throw,port=-1,summaryInterval=0,report=false")),
            List.of("--peers=4", "--duration=5s", "--ping-interval=200ms", "--streams=3"),
            dir);
    assertThat(p.await(90)).as(p.stderr()).isZero();
    List<JsonNode> truth = p.truth();
    JsonNode summary = truthOf(truth, "summary").get(0);
    assertThat(summary.get("pings").asInt()).isGreaterThan(10);
    assertThat(summary.get("pingFailures").asInt()).isZero();
    // "connections" counts both ends; each dialled connection runs identify once
    assertThat(2 * summary.get("identifies").asInt()).isEqualTo(summary.get("connections").asInt());
    List<JsonNode> streams = truthOf(truth, "stream");
    assertThat(streams).hasSize(summary.get("echoStreams").asInt()).isNotEmpty()
        .allSatisfy(s -> assertThat(s.get("ok").asBoolean()).isTrue());
    assertThat(truthOf(truth, "connection")).hasSize(summary.get("connections").asInt());
    assertThat(summary.get("dialFailures").asInt()).isEqualTo(2); // the planned bad dials, nothing else
    String err = p.stderr();
    assertThat(err).contains("fault injection on");
    // the throws happened (counted by the bridge) and none of them reached the application
    String last = err.lines().filter(l -> l.contains("summary:")).reduce((a, b) -> b).orElseThrow();
    long errors = Long.parseLong(last.replaceAll(".*agent-errors=(\\d+).*", "$1"));
    assertThat(errors).isGreaterThan(100);
    assertThat(err).doesNotContain("Exception").doesNotContain("privacy-agent fault injection\n\tat");
  }

  @Test
  void noApplicationThreadEverWaitsOnTheAgent() throws Exception {
    Path dir = E2e.dir("noblock");
    Path jfc = dir.resolve("waits.jfc");
    // every park and monitor wait, however short, with its stack
    Files.writeString(jfc, """
        <?xml version="1.0" encoding="UTF-8"?>
        <configuration version="2.0" label="waits">
          <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
          <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
          <event name="jdk.JavaMonitorWait"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>
        </configuration>
        """);
    Path rec = dir.resolve("waits.jfr");
    Path events = dir.resolve("events.jsonl");
    E2e.Proc p =
        E2e.Proc.start(
            E2e.javaOf(E2e.JDK17),
            List.of(
                "-XX:FlightRecorderOptions:stackdepth=512",
                "-XX:StartFlightRecording=settings=" + jfc + ",filename=" + rec,
                E2e.agentArg("port=0,summaryInterval=1s,events=" + events)),
            List.of("--peers=4", "--duration=5s", "--ping-interval=100ms", "--streams=5",
                "--stream-interval=200ms"),
            dir);
    assertThat(p.await(90)).as(p.stderr()).isZero();
    assertThat(Files.size(rec)).isPositive();
    int waits = 0;
    List<String> blocked = new ArrayList<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(rec)) {
      if (e.getThread() == null || e.getStackTrace() == null) {
        continue;
      }
      waits++;
      String thread = e.getThread().getJavaName();
      if (thread == null || agentThread(thread) || loadingAClass(e) || firstGetterLookup(e)) {
        continue;
      }
      for (RecordedFrame f : e.getStackTrace().getFrames()) {
        if (agentFrame(f)) {
          blocked.add(e.getEventType().getName() + " on " + thread + " in " + f.getMethod().getType().getName()
              + "#" + f.getMethod().getName());
          break;
        }
      }
    }
    assertThat(waits).as("the recording saw the application's own waits").isPositive();
    assertThat(E2e.jsonLines(events)).hasSizeGreaterThan(100);
    assertThat(blocked).isEmpty();
  }
}
