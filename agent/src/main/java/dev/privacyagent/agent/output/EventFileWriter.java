package dev.privacyagent.agent.output;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;
import java.io.IOException;
import java.nio.channels.FileChannel;
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
 * drops and counts; no application thread ever waits for a lock of the agent).
 *
 * <p>The file only ever holds whole lines: events are written in batches of whole lines, and a
 * batch that fails part-way (a full disk) is cut off again and its events counted as lost; if
 * even the cut fails, the next write starts on a new line. Before a line that would take the
 * file past {@code maxBytes} the file is rotated to {@code FILE.1} (replacing an older one), so
 * no file passes the limit unless one line alone does.
 */
public final class EventFileWriter implements EventSink, AutoCloseable {
  private static final int BATCH_EVENTS = 1024;
  /** gzip: lines wait for a member of this many bytes, or for this long, before they are written. */
  static final int GZIP_MEMBER_BYTES = 64 << 10;
  static final long GZIP_MEMBER_NANOS = 1_000_000_000L;

  private final Path file;
  private final long maxBytes;
  private final LineFile.Opener opener;
  private final boolean gzip;
  private long lastCommitNanos = System.nanoTime();
  private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
  private final Failures failures;
  private final LongAdder droppedQueueFull = new LongAdder();
  private final LongAdder failedWrites = new LongAdder();
  private final LongAdder written = new LongAdder();
  private volatile boolean running;
  private Thread thread;
  private LineFile out;

  public EventFileWriter(Path file, long maxBytes, int queueCapacity, Failures failures) {
    this(file, maxBytes, queueCapacity, failures, false);
  }

  /** @param gzip write the file as gzip: each commit one whole gzip member (see {@link LineFile}) */
  public EventFileWriter(Path file, long maxBytes, int queueCapacity, Failures failures, boolean gzip) {
    this(file, maxBytes, queueCapacity, failures, gzip,
        f -> FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ));
  }

  EventFileWriter(Path file, long maxBytes, int queueCapacity, Failures failures, LineFile.Opener opener) {
    this(file, maxBytes, queueCapacity, failures, false, opener);
  }

  EventFileWriter(Path file, long maxBytes, int queueCapacity, Failures failures, boolean gzip,
      LineFile.Opener opener) {
    this.gzip = gzip;
    this.file = file;
    this.maxBytes = maxBytes;
    this.capacity = queueCapacity;
    this.failures = failures;
    this.opener = opener;
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
      droppedQueueFull.increment();
      return;
    }
    queue.offer(e);
  }

  /** Events not in the file: refused by the full queue, or lost in a failed write. */
  public long dropped() {
    return droppedQueueFull.sum() + failedWrites.sum();
  }

  /** Events lost because writing them failed (a full disk, an I/O error). */
  public long failedWrites() {
    return failedWrites.sum();
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
    out = new LineFile(file, opener, gzip);
  }

  private void loop() {
    List<Event> batch = new ArrayList<>(BATCH_EVENTS);
    while (running || !queue.isEmpty()) {
      Event e;
      while (batch.size() < BATCH_EVENTS && (e = queue.poll()) != null) {
        queued.decrementAndGet();
        batch.add(e);
      }
      if (batch.isEmpty()) {
        if (gzip && System.nanoTime() - lastCommitNanos > GZIP_MEMBER_NANOS) {
          commit();
        }
        LockSupport.parkNanos(20_000_000L); // producers never wake this thread: that would cost them
        continue;
      }
      writeBatch(batch);
      batch.clear();
    }
    commit(); // gzip may still hold lines for its next member
  }

  private void writeBatch(List<Event> batch) {
    for (Event e : batch) {
      try {
        int len = out.encode(e);
        if (out.size() + out.pendingBytes() + len > maxBytes && out.size() + out.pendingBytes() > 0) {
          commit();
          rotate();
        }
        out.append();
      } catch (IOException | RuntimeException ex) {
        failedWrites.increment();
        failures.record("events file " + file, ex);
      }
    }
    // plain lines go out after every batch; gzip collects a member worth compressing
    if (!gzip || out.pendingBytes() >= GZIP_MEMBER_BYTES || System.nanoTime() - lastCommitNanos > GZIP_MEMBER_NANOS) {
      commit();
    }
  }

  /** Writes the pending lines; on failure they are counted as lost and the file cut back. */
  private void commit() {
    int n = out.pendingEvents();
    lastCommitNanos = System.nanoTime();
    if (n == 0) {
      return;
    }
    try {
      out.commit();
      written.add(n);
    } catch (IOException ex) {
      failedWrites.add(n);
      failures.record("events file " + file, ex);
    }
  }

  private void rotate() {
    try {
      out.close();
      Files.move(
          file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      AgentLog.info("events file rotated to " + file.getFileName() + ".1");
    } catch (IOException ex) {
      failures.record("rotating events file " + file, ex);
    }
    try {
      out.reopen();
    } catch (IOException ex) {
      // the next commit tries again; until the file opens, the events it would hold count as lost
      failures.record("reopening events file " + file, ex);
    }
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
      out.close();
    } catch (IOException e) {
      failures.record("closing events file", e);
    }
    thread = null;
  }
}
