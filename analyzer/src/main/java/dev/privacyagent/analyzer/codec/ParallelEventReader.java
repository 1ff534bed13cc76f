package dev.privacyagent.analyzer.codec;

import dev.privacyagent.analyzer.event.Event;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads JSON Lines like {@link EventReader} (same events, same {@code file:line} errors, same
 * counts and names) but parses on every thread of a {@link ParsePool}: a reader thread cuts the
 * byte stream into line-aligned chunks, the pool parses them, and {@link #next()} hands the events
 * back in input order. Memory is bounded: at most {@link #IN_FLIGHT} chunks of {@link #CHUNK_BYTES}
 * wait at any time, however long the input (a line longer than the line limit is skipped to its
 * end by the reader thread, never held).
 */
public final class ParallelEventReader implements Closeable {
  static final int CHUNK_BYTES = 1 << 20;
  static final int IN_FLIGHT = 6;
  private static final int MAX_PROBLEMS = 10;
  private static final ChunkParser.Result END = new ChunkParser.Result();

  private final InputStream in;
  private final boolean closeInput;
  private final String source;
  private final boolean lenient;
  private final ParsePool pool;
  private final BlockingQueue<Future<ChunkParser.Result>> ready = new ArrayBlockingQueue<>(IN_FLIGHT);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(IN_FLIGHT + 2);
  private final Thread readerThread;
  private final int chunkBytes;
  private volatile boolean closed;

  private ChunkParser.Result current;
  private int index;
  private boolean ended;
  private long lines;
  private long events;
  private long skipped;
  private long unknownTypeLines;
  private long unknownFields;
  private long truncated;
  private final Map<String, Long> unknownTypeNames = new LinkedHashMap<>();
  private final Map<String, Long> unknownFieldNames = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  /**
   * Starts reading {@code in} at once (UTF-8 JSON Lines, already decompressed).
   *
   * @param source the name used in error messages
   * @param closeInput whether to close {@code in} when done (not for standard input)
   */
  public ParallelEventReader(InputStream in, String source, boolean lenient, ParsePool pool, boolean closeInput) {
    this(in, source, lenient, pool, closeInput, CHUNK_BYTES);
  }

  /** As above, with chunks of {@code chunkBytes} (smaller when many inputs are read at once). */
  public ParallelEventReader(InputStream in, String source, boolean lenient, ParsePool pool, boolean closeInput,
      int chunkBytes) {
    this.chunkBytes = chunkBytes;
    this.in = in;
    this.source = source;
    this.lenient = lenient;
    this.pool = pool;
    this.closeInput = closeInput;
    for (int i = 0; i < IN_FLIGHT + 2; i++) {
      free.add(new byte[chunkBytes]);
    }
    readerThread = new Thread(this::readLoop, "event-reader");
    readerThread.setDaemon(true);
    readerThread.start();
  }

  public String source() {
    return source;
  }

  /** For tests: the thread that reads the input. */
  Thread readerThread() {
    return readerThread;
  }

  /** The next event, or null at the end of input; strict mode throws at the first bad line. */
  public Event next() throws IOException {
    while (true) {
      if (current != null) {
        if (index < current.events.size()) {
          events++;
          return current.events.get(index++);
        }
        finishChunk();
      }
      if (ended) {
        return null;
      }
      ChunkParser.Result r = take();
      if (r == END) {
        ended = true;
        return null;
      }
      current = r;
      index = 0;
    }
  }

  private ChunkParser.Result take() throws IOException {
    try {
      return ready.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + source);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    } catch (CancellationException e) {
      throw new InterruptedIOException("reading " + source + " was cancelled");
    }
  }

  /** Folds a finished chunk's counts into the totals, in input order. */
  private void finishChunk() throws EventFormatException {
    ChunkParser.Result r = current;
    current = null;
    long base = lines;
    if (r.error != null) {
      lines = base + r.error.line();
      throw new EventFormatException(source, base + r.error.line(), r.error.message());
    }
    lines += r.lines;
    skipped += r.skipped;
    for (ChunkParser.Problem p : r.problems) {
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(source + ":" + (base + p.line()) + ": " + p.message());
      }
    }
    EventReader d = r.decoder;
    unknownTypeLines += d.unknownTypeLines();
    unknownFields += d.unknownFields();
    truncated += d.truncated();
    d.unknownTypeNames().forEach((k, v) -> EventReader.countCapped(unknownTypeNames, k, v));
    d.unknownFieldNames().forEach((k, v) -> EventReader.countCapped(unknownFieldNames, k, v));
  }

  public ReadStats stats() {
    return new ReadStats(lines, events, skipped, unknownTypeLines, unknownFields, truncated,
        unknownTypeNames, unknownFieldNames, problems);
  }

  // ---- reader thread

  private void readLoop() {
    try {
      byte[] buf = free.take();
      int fill = 0;
      while (!closed) {
        int n = in.read(buf, fill, buf.length - fill);
        if (n < 0) {
          if (fill > 0) {
            submit(buf, fill, 0);
          }
          put(CompletableFuture.completedFuture(END));
          return;
        }
        fill += n;
        if (fill < buf.length) {
          continue;
        }
        int cut = fill - 1;
        while (cut >= 0 && buf[cut] != '\n') {
          cut--;
        }
        if (cut >= 0) {
          int rest = fill - cut - 1;
          byte[] next = rest < chunkBytes ? free.take() : new byte[Math.min(ChunkParser.MAX_LINE_BYTES + 1, 2 * rest)];
          System.arraycopy(buf, cut + 1, next, 0, rest);
          submit(buf, cut + 1, 0);
          buf = next;
          fill = rest;
        } else if (buf.length < ChunkParser.MAX_LINE_BYTES + 1) {
          // one line fills the chunk: grow for it (up to the line limit)
          byte[] old = buf;
          buf = java.util.Arrays.copyOf(buf, Math.min(ChunkParser.MAX_LINE_BYTES + 1, buf.length * 2));
          if (old.length == chunkBytes) {
            free.offer(old);
          }
        } else {
          fill = skipRestOfLine(buf);
          submit(free.take(), 0, 1);
          if (fill < 0) {
            put(CompletableFuture.completedFuture(END));
            return;
          }
          if (buf.length != chunkBytes && fill < chunkBytes) {
            byte[] b = free.take();
            System.arraycopy(buf, 0, b, 0, fill);
            buf = b;
          }
        }
      }
    } catch (InterruptedException e) {
      // closed
    } catch (IOException | RuntimeException e) {
      put(CompletableFuture.failedFuture(e));
    } finally {
      if (closeInput) {
        try {
          in.close();
        } catch (IOException ignored) {
          // a failed close of an input being abandoned changes nothing
        }
      }
    }
  }

  /**
   * Skips to the end of an over-long line; the bytes after its '\n' are moved to the start of
   * {@code buf} and their count returned, or -1 when the input ended first.
   */
  private int skipRestOfLine(byte[] buf) throws IOException {
    while (true) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        return -1;
      }
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          System.arraycopy(buf, i + 1, buf, 0, n - i - 1);
          return n - i - 1;
        }
      }
    }
  }

  private void submit(byte[] buf, int length, int tooLong) throws InterruptedException {
    put0(pool.submit(() -> {
      try {
        return ChunkParser.parse(buf, length, tooLong, source, lenient, MAX_PROBLEMS);
      } finally {
        if (buf.length == chunkBytes) {
          free.offer(buf);
        }
      }
    }));
  }

  private void put(Future<ChunkParser.Result> f) {
    try {
      put0(f);
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void put0(Future<ChunkParser.Result> f) throws InterruptedException {
    if (closed) {
      f.cancel(false);
      throw new InterruptedException();
    }
    ready.put(f);
  }

  /** Stops the reader thread; events not yet returned are dropped. */
  @Override
  public void close() {
    closed = true;
    ended = true;
    current = null;
    readerThread.interrupt();
    Future<ChunkParser.Result> f;
    while ((f = ready.poll()) != null) {
      f.cancel(false);
    }
  }
}
