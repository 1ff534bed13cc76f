package dev.privacyagent.analyzer.bench;

import dev.privacyagent.analyzer.codec.EventReader;
import dev.privacyagent.analyzer.codec.EventWriter;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.simulate.Scenario;
import dev.privacyagent.analyzer.simulate.TrafficSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * JSON Lines encoding speed on the 194,254 events of {@code simulate --scenario all --seed 1}
 * (about 47 MB): one operation writes, or strictly reads, all of them in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class CodecBenchmark {
  private List<Event> events;
  private byte[] encoded;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    events = new TrafficSimulator(1, TrafficSimulator.DEFAULT_PEERS).generate(Scenario.ALL);
    encoded = write();
    System.out.printf("%n[codec] %,d events, %,d bytes%n", events.size(), encoded.length);
  }

  @Benchmark
  public byte[] write() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 20);
    try (EventWriter w = new EventWriter(out)) {
      for (Event e : events) {
        w.write(e);
      }
    }
    return out.toByteArray();
  }

  @Benchmark
  public long read() throws IOException {
    long n = 0;
    try (EventReader r = new EventReader(new ByteArrayInputStream(encoded), "bench", false)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        n += e.seq() & 1;
      }
    }
    return n;
  }
}
