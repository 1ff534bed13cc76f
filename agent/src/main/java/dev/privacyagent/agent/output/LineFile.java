package dev.privacyagent.agent.output;

import dev.privacyagent.analyzer.codec.EventWriter;
import dev.privacyagent.analyzer.event.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A JSON Lines file that only ever holds whole lines: encoded lines wait in memory until
 * {@link #commit()} writes them at the file's end in one go; a write that fails part-way (a full
 * disk) is cut back to the last whole line. When even the cut fails, the channel is dropped and
 * the next commit reopens the file and starts on a new line, so a broken fragment is always a
 * line of its own. Single-threaded (the events writer's thread).
 *
 * <p>With gzip each commit is one whole gzip member (readers take concatenated members as one
 * stream), so the same guarantee holds member by member: a failed write is cut back to the last
 * whole member. A fragment that could not be cut back stays (the reader then stops there with an
 * error instead of reading past it).
 */
final class LineFile implements AutoCloseable {
  /** Opens the file for writing; a seam so that tests can stand in a failing disk. */
  interface Opener {
    FileChannel open(Path file) throws IOException;
  }

  private static final ByteBuffer NEWLINE = ByteBuffer.wrap(new byte[] {'\n'}).asReadOnlyBuffer();

  private final Path path;
  private final Opener opener;
  private final boolean gzip;
  private final Bytes line = new Bytes();
  private EventWriter encoder;
  private ByteBuffer pending = ByteBuffer.allocate(1 << 16);
  private int pendingEvents;
  private FileChannel channel;
  private long size;
  private boolean needNewline;

  /** Opens {@code path} at once, so that a file that cannot be opened fails the start. */
  LineFile(Path path, Opener opener) throws IOException {
    this(path, opener, false);
  }

  LineFile(Path path, Opener opener, boolean gzip) throws IOException {
    this.gzip = gzip;
    this.path = path;
    this.opener = opener;
    this.encoder = new EventWriter(line);
    ensureOpen();
  }

  /** Encodes {@code e} as the current line; returns its length in bytes (newline included). */
  int encode(Event e) throws IOException {
    line.count = 0;
    try {
      encoder.write(e);
      encoder.flush();
    } catch (IOException | RuntimeException ex) {
      encoder = new EventWriter(line); // the failed one may be inside an unfinished object
      throw ex;
    }
    return line.count;
  }

  /** Queues the current line for the next commit. */
  void append() {
    if (pending.remaining() < line.count) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + line.count));
      pending.flip();
      bigger.put(pending);
      pending = bigger;
    }
    pending.put(line.buf, 0, line.count);
    pendingEvents++;
  }

  /** Bytes of whole lines in the file (plus the newline still owed after a failed cut). */
  long size() {
    return size + (needNewline ? 1 : 0);
  }

  int pendingBytes() {
    return pending.position();
  }

  int pendingEvents() {
    return pendingEvents;
  }

  /** Writes the queued lines; on failure none of them stays in the file and the queue is emptied. */
  void commit() throws IOException {
    try {
      ensureOpen();
      long at = size;
      if (needNewline) {
        writeFully(NEWLINE.duplicate(), at);
        at++;
      }
      pending.flip();
      ByteBuffer bytes = gzip ? member(pending) : pending;
      int length = bytes.remaining();
      writeFully(bytes, at);
      size = at + length;
      needNewline = false;
    } catch (IOException e) {
      cutBack();
      throw e;
    } finally {
      pending.clear();
      pendingEvents = 0;
    }
  }

  /** The pending lines as one gzip member. */
  private static ByteBuffer member(ByteBuffer lines) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(lines.remaining() / 4 + 64);
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out, 1 << 14)) {
      z.write(lines.array(), lines.arrayOffset() + lines.position(), lines.remaining());
    }
    return ByteBuffer.wrap(out.toByteArray());
  }

  private void writeFully(ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      pos += channel.write(b, pos);
    }
  }

  private void cutBack() {
    if (channel == null) {
      return;
    }
    try {
      channel.truncate(size);
    } catch (IOException e) {
      // the file may end in a fragment: reopen later, measure it again and start a new line
      forget();
    }
  }

  /** Opens the file if it is not open (after {@link #close()}: the rotated file's successor). */
  void reopen() throws IOException {
    ensureOpen();
  }

  private void ensureOpen() throws IOException {
    if (channel != null) {
      return;
    }
    FileChannel ch = opener.open(path);
    try {
      long n = ch.size();
      boolean broken = false;
      if (n > 0 && !gzip) {
        ByteBuffer last = ByteBuffer.allocate(1);
        broken = ch.read(last, n - 1) != 1 || last.get(0) != '\n';
      }
      channel = ch;
      size = n;
      needNewline = broken;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /** Drops the channel (closing it quietly); the next commit reopens the file. */
  void forget() {
    FileChannel ch = channel;
    channel = null;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // a channel we are giving up on: its close failing changes nothing
      }
    }
  }

  @Override
  public void close() throws IOException {
    FileChannel ch = channel;
    channel = null;
    size = 0;
    needNewline = false;
    if (ch != null) {
      ch.close();
    }
  }

  /** A growable byte sink exposing its array, so encoded lines are copied once. */
  private static final class Bytes extends OutputStream {
    byte[] buf = new byte[1024];
    int count;

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int n) {
      if (count + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
      }
    }
  }
}
