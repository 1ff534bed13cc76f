package dev.privacyagent.analyzer.codec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens event input whatever it is stored as: gzip is recognised by its magic bytes, not by the
 * file name, so {@code events.jsonl.gz}, a rotated {@code events.jsonl.gz.1} and a gzip stream
 * on standard input all read like plain JSON Lines. Concatenated gzip members (what appending to
 * a gzip file produces) read as one stream.
 */
public final class EventStreams {
  private static final int BUFFER = 1 << 16;

  private EventStreams() {}

  /** {@code in} as JSON Lines bytes, decompressed when it starts with the gzip magic. */
  public static InputStream decompressing(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, BUFFER);
    b.mark(2);
    int first = b.read();
    int second = b.read();
    b.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(b, BUFFER);
    }
    return b;
  }
}
