package dev.privacyagent.agent.cli;

import dev.privacyagent.agent.cli.progress.CountingInputStream;
import dev.privacyagent.analyzer.codec.EventFormatException;
import dev.privacyagent.analyzer.codec.EventStreams;
import dev.privacyagent.analyzer.codec.ParallelEventReader;
import dev.privacyagent.analyzer.codec.ParsePool;
import dev.privacyagent.analyzer.codec.ReadStats;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event files of one analysis ({@code -} is stdin), read together. Several files (several
 * nodes) are merged by wall time so that the collector's raw-event ring holds the same stretch of
 * time from each of them. Each input is parsed on every core ({@link ParallelEventReader}); gzip
 * input is decompressed whatever its name. Failures become {@link CliException}s with exit code 3.
 */
final class EventInputs implements Closeable {
  /** What all inputs' read-ahead may hold; split between the inputs. */
  private static final long READ_AHEAD_BYTES = 64L << 20;

  private final List<ParallelEventReader> readers = new ArrayList<>();
  private final ParsePool pool = ParsePool.perCore();
  private final AtomicLong bytesRead = new AtomicLong();
  private long totalBytes;

  EventInputs(List<String> names, boolean lenient, InputStream stdin) {
    if (names.stream().filter("-"::equals).count() > 1) {
      pool.close();
      throw new CliException(ExitCodes.USAGE, "'-' (stdin) may be given only once");
    }
    int chunk = (int) Math.max(64 << 10, Math.min(1 << 20, READ_AHEAD_BYTES / 8 / names.size()));
    try {
      for (String name : names) {
        if (name.equals("-")) {
          totalBytes = -1;
          readers.add(reader(stdin, "<stdin>", lenient, false, chunk));
        } else {
          readers.add(open(name, lenient, chunk));
        }
      }
    } catch (CliException e) {
      closeQuietly();
      throw e;
    }
  }

  private ParallelEventReader reader(InputStream raw, String source, boolean lenient, boolean close, int chunk) {
    try {
      InputStream in = EventStreams.decompressing(new CountingInputStream(raw, bytesRead));
      return new ParallelEventReader(in, source, lenient, pool, close, chunk);
    } catch (IOException e) {
      if (close) {
        try {
          raw.close();
        } catch (IOException ignored) {
          // the read error is what gets reported
        }
      }
      throw new CliException(ExitCodes.INPUT, "cannot read '" + source + "': " + e.getMessage());
    }
  }

  private ParallelEventReader open(String name, boolean lenient, int chunk) {
    Path p = Path.of(name);
    if (Files.isDirectory(p)) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + name + "': it is a directory");
    }
    InputStream raw;
    try {
      raw = Files.newInputStream(p);
      if (totalBytes >= 0) {
        totalBytes += Files.size(p);
      }
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + name + "': no such file");
    } catch (AccessDeniedException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + name + "': permission denied");
    } catch (IOException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + name + "': " + e.getMessage());
    }
    return reader(raw, p.toString(), lenient, true, chunk);
  }

  /** Bytes read from the inputs so far (compressed bytes for gzip input). */
  long bytesRead() {
    return bytesRead.get();
  }

  /** The size of all inputs, or -1 when one is standard input. */
  long totalBytes() {
    return totalBytes;
  }

  /** Reads every input into {@code sink}, in wall-time order across inputs. */
  long copyTo(EventSink sink) {
    long events = 0;
    try {
      if (readers.size() == 1) {
        // one input needs no merge: straight from the reader's chunks to the sink
        for (Event e = next(0); e != null; e = next(0)) {
          sink.accept(e);
          events++;
        }
        return events;
      }
      record Head(Event event, int input) {}
      PriorityQueue<Head> heads = new PriorityQueue<>(
          Comparator.comparingLong((Head h) -> h.event().wallMillis()).thenComparingInt(Head::input));
      for (int i = 0; i < readers.size(); i++) {
        Event e = next(i);
        if (e != null) {
          heads.add(new Head(e, i));
        }
      }
      while (!heads.isEmpty()) {
        Head h = heads.poll();
        sink.accept(h.event());
        events++;
        Event e = next(h.input());
        if (e != null) {
          heads.add(new Head(e, h.input()));
        }
      }
      return events;
    } catch (EventFormatException e) {
      throw new CliException(ExitCodes.INPUT, e.getMessage() + " (--lenient skips bad lines)");
    }
  }

  private Event next(int input) throws EventFormatException {
    ParallelEventReader r = readers.get(input);
    try {
      return r.next();
    } catch (EventFormatException e) {
      throw e;
    } catch (EOFException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + r.source() + "': the compressed input is cut short ("
          + e.getMessage() + ")");
    } catch (IOException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + r.source() + "': " + e.getMessage());
    }
  }

  ReadStats stats() {
    ReadStats s = ReadStats.EMPTY;
    for (ParallelEventReader r : readers) {
      s = s.plus(r.stats());
    }
    return s;
  }

  int count() {
    return readers.size();
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    for (ParallelEventReader r : readers) {
      r.close(); // closes its file; standard input stays open
    }
    pool.close();
  }
}
