package dev.privacyagent.agent.output;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.analyzer.codec.EventWriter;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Appends events to a JSON Lines file ({@code events=FILE}) in the analyzer's encoding, on the
 * agent's own thread: application threads only offer to a bounded lock-free queue (a full queue
 * drops and counts; no application thread ever waits for a lock of the agent). At {@code maxBytes} the file is rotated to {@code FILE.1} (replacing an older one).
 */
public final class EventFileWriter implements EventSink, AutoCloseable {
  private final Path file;
  private final long maxBytes;
  private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
  private final Failures failures;
  private final LongAdder dropped = new LongAdder();
  private final LongAdder written = new LongAdder();
  private volatile boolean running;
  private Thread thread;
  private CountingStream counting;
  private EventWriter writer;

  public EventFileWriter(Path file, long maxBytes, int queueCapacity, Failures failures) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.capacity = queueCapacity;
    this.failures = failures;
  }

  /** Opens the file (append) and starts the writer thread; throws when the file cannot be opened. */
  public synchronized void start() throws IOException {
    if (thread != null) {
      return;
    }
    open();
    running = true;
    thread = new Thread(this::loop, "privacy-agent-events");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void accept(Event e) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.increment();
      return;
    }
    queue.offer(e);
  }

  public long dropped() {
    return dropped.sum();
  }

  public long written() {
    return written.sum();
  }

  public Path file() {
    return file;
  }

  private void open() throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    long existing = Files.exists(file) ? Files.size(file) : 0;
    OutputStream os =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    counting = new CountingStream(new BufferedOutputStream(os, 1 << 16), existing);
    writer = new EventWriter(counting);
  }

  private void loop() {
    List<Event> batch = new ArrayList<>(1024);
    while (running || !queue.isEmpty()) {
      try {
        Event e;
        while (batch.size() < 1024 && (e = queue.poll()) != null) {
          queued.decrementAndGet();
          batch.add(e);
        }
        if (batch.isEmpty()) {
          LockSupport.parkNanos(20_000_000L); // producers never wake this thread: that would cost them
          continue;
        }
        writeBatch(batch);
      } catch (IOException | RuntimeException e) {
        failures.record("events file " + file, e);
      } finally {
        batch.clear();
      }
    }
  }

  private void writeBatch(List<Event> batch) throws IOException {
    for (Event e : batch) {
      writer.write(e);
      written.increment();
      if (counting.count >= maxBytes) {
        rotate();
      }
    }
    writer.flush();
  }

  private void rotate() throws IOException {
    writer.close();
    counting.close();
    Files.move(
        file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    AgentLog.info("events file rotated to " + file.getFileName() + ".1");
    open();
  }

  /** Writes what is queued, then closes the file. */
  @Override
  public synchronized void close() {
    if (thread == null) {
      return;
    }
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      writer.close();
      counting.close();
    } catch (IOException e) {
      failures.record("closing events file", e);
    }
    thread = null;
  }

  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out, long start) {
      super(out);
      this.count = start;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
