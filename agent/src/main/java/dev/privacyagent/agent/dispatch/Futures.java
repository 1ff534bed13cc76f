package dev.privacyagent.agent.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * jvm-libp2p's futures are plain {@link CompletableFuture}s (a JDK type), so the agent can attach
 * callbacks directly. Callbacks run on whatever thread completes the future, often a Netty event
 * loop: they must only build an event and offer it, never block.
 */
final class Futures {
  private Futures() {}

  /** Registers {@code callback}; returns false when {@code future} is not a CompletableFuture. */
  static boolean onComplete(Object future, BiConsumer<Object, Throwable> callback, Failures f) {
    if (!(future instanceof CompletableFuture<?> cf)) {
      return false;
    }
    cf.whenComplete(
        (v, t) -> {
          try {
            callback.accept(v, unwrap(t));
          } catch (Throwable inner) {
            f.record("future callback", inner);
          }
        });
    return true;
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Non-null when {@code future} has already failed. */
  static Throwable failedNow(Object future) {
    if (future instanceof CompletableFuture<?> cf && cf.isCompletedExceptionally()) {
      try {
        cf.getNow(null);
      } catch (Throwable t) {
        return unwrap(t);
      }
    }
    return null;
  }
}
