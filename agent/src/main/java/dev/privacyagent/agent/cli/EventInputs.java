package dev.privacyagent.agent.cli;

import dev.privacyagent.analyzer.codec.EventFormatException;
import dev.privacyagent.analyzer.codec.EventReader;
import dev.privacyagent.analyzer.codec.ReadStats;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The event files of one analysis ({@code -} is stdin), read together. Several files (several
 * nodes) are merged by wall time so that the collector's raw-event ring holds the same stretch of
 * time from each of them. Failures become {@link CliException}s with exit code 3.
 */
final class EventInputs implements Closeable {
  static final long PROGRESS_EVERY_LINES = 1_000_000;

  private final List<EventReader> readers = new ArrayList<>();
  private final long progressEvery;

  EventInputs(List<String> names, boolean lenient, InputStream stdin) {
    this(names, lenient, stdin, PROGRESS_EVERY_LINES);
  }

  EventInputs(List<String> names, boolean lenient, InputStream stdin, long progressEvery) {
    this.progressEvery = progressEvery;
    if (names.stream().filter("-"::equals).count() > 1) {
      throw new CliException(ExitCodes.USAGE, "'-' (stdin) may be given only once");
    }
    try {
      for (String name : names) {
        readers.add(name.equals("-") ? new EventReader(stdin, "<stdin>", lenient) : open(name, lenient));
      }
    } catch (CliException e) {
      closeQuietly();
      throw e;
    }
  }

  private static EventReader open(String name, boolean lenient) {
    Path p = Path.of(name);
    if (Files.isDirectory(p)) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + name + "': it is a directory");
    }
    try {
      return EventReader.open(p, lenient);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + name + "': no such file");
    } catch (AccessDeniedException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + name + "': permission denied");
    } catch (IOException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + name + "': " + e.getMessage());
    }
  }

  /** Reads every input into {@code sink}, in wall-time order across inputs; progress to {@code err}. */
  long copyTo(EventSink sink, PrintWriter err) {
    long events = 0;
    long nextProgress = progressEvery;
    try {
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
        if ((events & 0x3ff) == 0) {
          long lines = lines();
          if (lines >= nextProgress) {
            err.printf("[analyze] %,d lines read, %,d events%n", lines, events);
            err.flush();
            nextProgress = (lines / progressEvery + 1) * progressEvery;
          }
        }
      }
      return events;
    } catch (EventFormatException e) {
      throw new CliException(ExitCodes.INPUT, e.getMessage() + " (--lenient skips bad lines)");
    }
  }

  private Event next(int input) throws EventFormatException {
    EventReader r = readers.get(input);
    try {
      return r.next();
    } catch (EventFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read '" + r.source() + "': " + e.getMessage());
    }
  }

  private long lines() {
    long n = 0;
    for (EventReader r : readers) {
      n += r.lineNumber();
    }
    return n;
  }

  ReadStats stats() {
    ReadStats s = ReadStats.EMPTY;
    for (EventReader r : readers) {
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
    for (EventReader r : readers) {
      try {
        if (!r.source().equals("<stdin>")) {
          r.close();
        }
      } catch (IOException ignored) {
        // nothing useful to do about a failed close of an input we finished reading
      }
    }
  }
}
