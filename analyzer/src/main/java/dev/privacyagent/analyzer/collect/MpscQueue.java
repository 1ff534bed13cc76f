package dev.privacyagent.analyzer.collect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Keeps the producers' index on its own cache lines, away from the consumer's. */
abstract class MpscQueuePadLeft {
  long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class MpscQueueTail extends MpscQueuePadLeft {
  volatile long tail;
}

abstract class MpscQueuePadMiddle extends MpscQueueTail {
  long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35;
}

abstract class MpscQueueHead extends MpscQueuePadMiddle {
  long head; // only the single consumer touches it
}

abstract class MpscQueuePadRight extends MpscQueueHead {
  long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55;
}

/**
 * A bounded multi-producer single-consumer queue on an array ring: each slot carries a sequence
 * number that tells producers and the consumer whose turn it is (Vyukov's bounded queue). A
 * producer never waits for the consumer: when the ring is full, {@link #offer} returns false at
 * once. Neither side allocates.
 */
final class MpscQueue<E> extends MpscQueuePadRight {
  private static final VarHandle TAIL;
  private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  static {
    try {
      TAIL = MethodHandles.lookup().findVarHandle(MpscQueueTail.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] slots;
  private final long[] sequences;
  private final int mask;

  MpscQueue(int capacity) {
    int cap = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    slots = new Object[cap];
    sequences = new long[cap];
    mask = cap - 1;
    for (int i = 0; i < cap; i++) {
      sequences[i] = i;
    }
  }

  int capacity() {
    return slots.length;
  }

  /** Adds {@code e} unless the queue is full; never blocks. Safe from any thread. */
  boolean offer(E e) {
    long t = tail;
    while (true) {
      int i = (int) t & mask;
      long seq = (long) SEQ.getAcquire(sequences, i);
      long diff = seq - t;
      if (diff == 0) {
        if (TAIL.weakCompareAndSet(this, t, t + 1)) {
          SLOT.setRelease(slots, i, e);
          SEQ.setRelease(sequences, i, t + 1);
          return true;
        }
        t = tail;
      } else if (diff < 0) {
        return false; // the slot still holds an element from one lap ago: full
      } else {
        t = tail;
      }
    }
  }

  /** The oldest element, or null when empty. Only the single consumer may call this. */
  @SuppressWarnings("unchecked")
  E poll() {
    long h = head;
    int i = (int) h & mask;
    long seq = (long) SEQ.getAcquire(sequences, i);
    if (seq != h + 1) {
      return null;
    }
    E e = (E) SLOT.getAcquire(slots, i);
    SLOT.set(slots, i, (Object) null);
    SEQ.setRelease(sequences, i, h + slots.length);
    head = h + 1;
    return e;
  }

  /** Approximate number of queued elements. */
  long size() {
    return Math.max(0, tail - head);
  }
}
