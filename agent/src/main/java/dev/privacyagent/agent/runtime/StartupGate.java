package dev.privacyagent.agent.runtime;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only transformer {@code premain} installs: JDK types only, so registering it costs nothing,
 * while the agent builds its real (Byte Buddy) transformer on its own thread. A class outside
 * {@code io/libp2p/} is passed over by its name alone, before any Byte Buddy type resolution. A
 * jvm-libp2p class that loads before the real transformer is ready waits for it (bounded), so
 * that no jvm-libp2p class ever loads without its hooks; the application's own start-up runs
 * meanwhile instead of waiting for all of the agent inside {@code premain}.
 */
final class StartupGate implements ClassFileTransformer {
  static final String PREFIX = "io/libp2p/";
  /** After this, a waiting class loads unwoven (counted and logged): the agent never hangs a JVM. */
  static final long MAX_WAIT_MILLIS = 30_000;

  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile ClassFileTransformer delegate;
  private final AtomicLong waited = new AtomicLong();
  private final AtomicLong unwoven = new AtomicLong();

  /** The real transformer is ready: classes from now on (and the waiting ones) go through it. */
  void open(ClassFileTransformer transformer) {
    delegate = transformer;
    ready.countDown();
  }

  /** The agent could not start: let waiting classes load as they are. */
  void fail() {
    ready.countDown();
  }

  /** jvm-libp2p classes that had to wait for the agent at start-up. */
  long waited() {
    return waited.get();
  }

  /** jvm-libp2p classes that loaded without hooks because the agent was not ready in time. */
  long unwoven() {
    return unwoven.get();
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
    if (name == null || !name.startsWith(PREFIX)) {
      return null;
    }
    ClassFileTransformer d = delegate;
    if (d == null) {
      d = await();
      if (d == null) {
        return null;
      }
    }
    return d.transform(module, loader, name, redefined, domain, bytes);
  }

  private ClassFileTransformer await() {
    waited.incrementAndGet();
    try {
      if (!ready.await(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        unwoven.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unwoven.incrementAndGet();
    }
    return delegate;
  }
}
