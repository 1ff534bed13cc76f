package dev.privacyagent.agent.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real file channel on a disk of {@code free} bytes: a write that does not fit writes what fits
 * and then fails as a full disk does ({@code ENOSPC}), so the file can end in half a line, as on
 * a real full filesystem. Space "returns" when the test raises {@code free}. Only the positional
 * calls {@link LineFile} makes are supported.
 */
final class FullDiskChannel extends FileChannel {
  private final FileChannel real;
  private final AtomicLong free;

  FullDiskChannel(FileChannel real, AtomicLong free) {
    this.real = real;
    this.free = free;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    long grow = Math.max(0, position + src.remaining() - real.size());
    if (grow <= free.get()) {
      int n = real.write(src, position);
      free.addAndGet(-grow);
      return n;
    }
    long fits = Math.max(0, real.size() + free.get() - position);
    if (fits > 0) {
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + (int) fits);
      int n = real.write(part, position);
      src.position(src.position() + n);
      free.set(0);
    }
    throw new IOException("No space left on device");
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    long before = real.size();
    real.truncate(size);
    free.addAndGet(Math.max(0, before - real.size()));
    return this;
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return real.read(dst, position);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }

  @Override
  public int read(ByteBuffer dst) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int write(ByteBuffer src) {
    throw new UnsupportedOperationException("LineFile writes at explicit positions only");
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long position() {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileChannel position(long newPosition) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void force(boolean metaData) throws IOException {
    real.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new UnsupportedOperationException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }
}
