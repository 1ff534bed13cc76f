package dev.privacyagent.server.http;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * The server's buffer allocator: heap only, socket I/O included (a "direct" buffer asked for is a
 * heap one). Netty's default would copy every queued response into direct memory, which a client
 * that does not read can exhaust (and a full direct-memory limit makes
 * {@code java.nio.Bits.reserveMemory} stall the worker). With heap buffers, queued responses share
 * the render cache's bytes, and the only direct memory left is the JDK's per-thread temporary
 * buffer for the socket call in progress.
 */
public final class HeapBuffers extends AbstractByteBufAllocator {
  public static final HeapBuffers INSTANCE = new HeapBuffers();

  private HeapBuffers() {
    super(false);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return newHeapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }
}
