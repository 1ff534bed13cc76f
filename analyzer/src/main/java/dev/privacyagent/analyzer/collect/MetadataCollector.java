package dev.privacyagent.analyzer.collect;

import dev.privacyagent.analyzer.codec.EventBounder;
import dev.privacyagent.analyzer.codec.ReadStats;
import dev.privacyagent.analyzer.collect.gossip.GossipAggregates;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.GossipEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes events from any number of producer threads without ever blocking them and folds them
 * into per-connection, per-peer, per-protocol and per-prefix aggregates plus a bounded ring of
 * raw events, within a memory cap.
 *
 * <p>Live use (the agent): {@link #start()} a daemon drain thread, {@link #offer} from
 * application threads (O(1), no allocation, false and counted when the queue is full),
 * {@link #snapshot()} from any thread. Offline use (replay, analysis of files): skip
 * {@link #start()} and {@link #ingest} events on one thread; {@link #snapshot()} also drains
 * whatever was offered.
 *
 * <p>Memory: a quarter of the cap at most goes to the raw-event ring ({@value
 * #EVENT_SLOT_BYTES} estimated bytes per slot); the rest bounds the aggregates, which evict the
 * oldest closed connections, then peers and prefixes without an open connection, then open-stream state, and
 * count each eviction in {@link CollectorCounters}.
 *
 * <p>Window: with a non-zero {@link CollectorConfig#window()}, a snapshot re-folds the raw events
 * of the last {@code window} (ending at the newest event) into fresh aggregates, taking
 * connection metadata and identify data from before the window from the whole-run state. When
 * the ring does not reach back to the window start the snapshot says so in its notes.
 */
public final class MetadataCollector implements EventSink, AutoCloseable {
  /** Estimated bytes per raw event kept in the ring (the event object and its own strings). */
  public static final long EVENT_SLOT_BYTES = 256;

  private static final int BATCH = 4096;

  /** The gossip aggregates get 1/GOSSIP_SHARE of the memory left after the ring. */
  private static final int GOSSIP_SHARE = 8;

  private final CollectorConfig config;
  private final MpscQueue<Event> queue;
  private final LongAdder droppedQueueFull = new LongAdder();
  private final ReentrantLock lock = new ReentrantLock();

  // guarded by lock
  private final Aggregates state;
  private final GossipAggregates gossip;
  private final Event[] ring;
  private long ringWritten;
  private int ringPos;
  private final EventBounder bounder = new EventBounder();
  private ReadStats input = ReadStats.EMPTY;

  private volatile boolean running;
  private Thread drainer;
  private volatile LongSupplier eventsFileLost = () -> 0;

  public MetadataCollector() {
    this(CollectorConfig.defaults());
  }

  public MetadataCollector(CollectorConfig config) {
    this.config = config;
    this.queue = new MpscQueue<>(config.queueCapacity());
    long ringBudget = config.memoryCapBytes() / 4;
    int ringCap = (int) Math.max(16, Math.min(config.ringCapacity(), ringBudget / EVENT_SLOT_BYTES));
    this.ring = new Event[ringCap];
    long rest = config.memoryCapBytes() - ringCap * EVENT_SLOT_BYTES;
    this.gossip = new GossipAggregates(rest / GOSSIP_SHARE);
    this.state = new Aggregates(rest - rest / GOSSIP_SHARE, null);
  }

  public CollectorConfig config() {
    return config;
  }

  /** Raw events the ring keeps (after fitting it into the memory cap). */
  public int ringCapacity() {
    return ring.length;
  }

  /**
   * Queues {@code e} for the drain thread. Never blocks and never allocates: when the queue is
   * full the event is dropped, counted, and false returned. Safe from any thread.
   */
  public boolean offer(Event e) {
    if (queue.offer(e)) {
      return true;
    }
    droppedQueueFull.increment();
    return false;
  }

  /** {@link #offer}, for use as an {@link EventSink} by producers. */
  @Override
  public void accept(Event e) {
    offer(e);
  }

  /** Folds {@code e} at once on the calling thread (offline use; takes the collector's lock). */
  public void ingest(Event e) {
    lock.lock();
    try {
      fold(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@link #ingest} for an event that an {@code EventReader} or {@code ParallelEventReader}
   * returned: the reader already cut its values to their bounds, so they are not checked again
   * (what the offline analysis pays per event on its single consumer thread).
   */
  public void ingestDecoded(Event e) {
    lock.lock();
    try {
      foldBounded(e);
    } finally {
      lock.unlock();
    }
  }

  /** Records what reading the input found, so that snapshots count and list it. */
  public void recordInput(ReadStats stats) {
    lock.lock();
    try {
      input = input.plus(stats);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Where the events the agent failed to write to its events file are counted: snapshots report
   * them with the collector's own losses, so that the report and /metrics show every lost event.
   */
  public void countEventsFileLosses(LongSupplier lost) {
    this.eventsFileLost = lost;
  }

  /** Starts the daemon drain thread; idempotent. */
  public synchronized MetadataCollector start() {
    if (drainer == null) {
      running = true;
      drainer = new Thread(this::drainLoop, "privacy-agent-collector");
      drainer.setDaemon(true);
      drainer.start();
    }
    return this;
  }

  /** Stops the drain thread after it has folded everything queued. */
  @Override
  public synchronized void close() {
    running = false;
    if (drainer != null) {
      LockSupport.unpark(drainer);
      try {
        drainer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      drainer = null;
    }
    drainAll();
  }

  /** Longest sleep of an idle drain thread: 65,536 queue slots fill in 5 ms only above 13M events/s. */
  private static final long MAX_IDLE_PARK_NANOS = 5_000_000;
  /**
   * The sleep after a batch that emptied the queue. The drain thread never spins waiting for the
   * next event: a consumer polling the slot the producer writes next moves that cache line between
   * the cores on every offer, and on a two-core host its spinning takes the core the application's
   * other threads need (in-fork, an own gossip publish cost the router's thread 0.4-0.8 us more).
   * Woken every millisecond it folds what came meanwhile in one pass; a full batch goes on at once.
   */
  private static final long DRAIN_PAUSE_NANOS = 1_000_000;

  private void drainLoop() {
    long park = DRAIN_PAUSE_NANOS;
    while (running) {
      int n = drainBatch();
      if (n == BATCH) {
        continue; // more may be waiting
      }
      if (n > 0 && queue.size() > 0) {
        // a producer claimed the next slot and is writing it: not empty, no sleep
        Thread.onSpinWait();
        continue;
      }
      // producers never wake us (that would cost them); sleeps grow while idle so that a quiet
      // node costs almost nothing, and snapshot() drains on its own anyway
      park = n > 0 ? DRAIN_PAUSE_NANOS : Math.min(MAX_IDLE_PARK_NANOS, park * 2);
      LockSupport.parkNanos(park);
    }
  }

  private int drainBatch() {
    lock.lock();
    try {
      int n = 0;
      Event e;
      while (n < BATCH && (e = queue.poll()) != null) {
        fold(e);
        n++;
      }
      return n;
    } finally {
      lock.unlock();
    }
  }

  private void drainAll() {
    while (drainBatch() == BATCH) {
      // keep going until a partial batch shows the queue is empty
    }
  }

  private void fold(Event raw) {
    foldBounded(bounder.apply(raw));
  }

  private void foldBounded(Event e) {
    state.fold(e);
    if (e instanceof GossipEvent g) {
      // gossip has its own bounded aggregates; at thousands of messages a second it would
      // otherwise push every connection event out of the ring that timing analysis reads
      gossip.fold(g);
      return;
    }
    ring[ringPos] = e;
    if (++ringPos == ring.length) {
      ringPos = 0;
    }
    ringWritten++;
  }

  /** Events dropped because the queue was full. */
  public long droppedQueueFull() {
    return droppedQueueFull.sum();
  }

  /** An immutable view of all state, after folding everything queued so far. */
  public Snapshot snapshot() {
    lock.lock();
    try {
      drainAll();
      return build();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The snapshot of all nodes together and one per local node (each holding only that node's
   * connections, peers, protocols, prefixes, identify, raw events and gossip), taken at one
   * instant. At most {@value #MAX_NODE_SNAPSHOTS} nodes get their own; the rest are named in the
   * notes.
   */
  public NodeSnapshots nodeSnapshots() {
    lock.lock();
    try {
      drainAll();
      return buildNodes();
    } finally {
      lock.unlock();
    }
  }

  /** Nodes beyond this many are analysed together only (a cap on report size and work). */
  public static final int MAX_NODE_SNAPSHOTS = 64;

  private NodeSnapshots buildNodes() {
    Built b = buildView();
    Snapshot all = assemble(b, null);
    List<String> nodes = b.view.localNodes();
    List<NodeSnapshot> out = new ArrayList<>(Math.min(nodes.size(), MAX_NODE_SNAPSHOTS));
    for (String node : nodes) {
      if (out.size() == MAX_NODE_SNAPSHOTS) {
        break;
      }
      out.add(new NodeSnapshot(node, state.nodeName(node), assemble(b, node)));
    }
    if (nodes.size() > MAX_NODE_SNAPSHOTS) {
      List<String> notes = new ArrayList<>(all.notes());
      notes.add((nodes.size() - MAX_NODE_SNAPSHOTS) + " local nodes beyond the first "
          + MAX_NODE_SNAPSHOTS + " have no section of their own (they count in the totals)");
      all = new Snapshot(all.takenWallMillis(), all.firstWallMillis(), all.lastWallMillis(), all.localNodes(),
          all.connections(), all.peers(), all.protocols(), all.prefixes(), all.disclosed(), all.recentEvents(),
          all.counters(), all.windowMillis(), notes, all.gossip());
    }
    return new NodeSnapshots(all, out);
  }

  private Snapshot build() {
    return assemble(buildView(), null);
  }

  /** The aggregates a snapshot reads (windowed when configured) and what goes with them. */
  private record Built(Aggregates view, List<Event> recent, List<String> notes, CollectorCounters counters,
      long windowMillis, long takenWallMillis) {}

  private Built buildView() {
    List<Event> recent = recentEvents();
    List<String> notes = new ArrayList<>(input.notes());
    if (state.untrackedConnections > 0) {
      notes.add(state.untrackedConnections + " connection(s) not tracked: the memory cap of "
          + (config.memoryCapBytes() >> 10) + " KiB was reached with only open connections left to keep"
          + " (raise maxMemory, or analyze --max-memory)");
    }
    Aggregates view = state;
    long windowMillis = config.window().toMillis();
    if (windowMillis > 0 && state.events > 0) {
      long cutoff = state.lastWall - windowMillis;
      if (ringWritten > ring.length && !recent.isEmpty() && recent.get(0).wallMillis() > cutoff) {
        notes.add("the window of " + config.window() + " reaches back before the oldest of the "
            + ring.length + " raw events kept; windowed aggregates cover only those events");
      }
      view = new Aggregates(0, state);
      List<Event> inWindow = new ArrayList<>();
      for (Event e : recent) {
        if (e.wallMillis() >= cutoff) {
          view.fold(e);
          inWindow.add(e);
        }
      }
      view.adoptOpenConnections();
      recent = inWindow;
    }
    long ringFill = Math.min(ringWritten, ring.length);
    CollectorCounters counters =
        new CollectorCounters(
            state.events,
            droppedQueueFull.sum(),
            state.evictedConnections,
            state.evictedPeers,
            Math.max(0, ringWritten - ring.length),
            bounder.truncated() + input.truncatedStrings(),
            input.skippedLines(),
            input.unknownTypeLines(),
            input.unknownFields(),
            state.evictedStreams,
            state.bytes + gossip.bytes() + ringFill * EVENT_SLOT_BYTES,
            config.memoryCapBytes(),
            state.evictedPrefixes,
            eventsFileLost.getAsLong(),
            state.untrackedConnections);
    return new Built(view, recent, notes, counters, windowMillis, System.currentTimeMillis());
  }

  /** The snapshot of {@code node}, or of all nodes together when null. */
  private Snapshot assemble(Built b, String node) {
    Aggregates view = b.view;
    List<Event> recent = b.recent;
    Map<String, GossipView> gossipViews = gossip.views();
    if (node != null) {
      List<Event> own = new ArrayList<>();
      for (Event e : recent) {
        if (node.equals(e.node())) {
          own.add(e);
        }
      }
      recent = own;
      GossipView g = gossipViews.get(node);
      gossipViews = g == null ? Map.of() : Map.of(node, g);
    }
    return new Snapshot(
        b.takenWallMillis,
        view.events == 0 ? 0 : view.firstWall,
        view.lastWall,
        node == null ? view.localNodes() : List.of(node),
        view.connectionStats(node),
        view.peerStats(node),
        view.protocolCounts(node),
        view.prefixStats(node),
        view.disclosed(node),
        recent,
        b.counters,
        b.windowMillis,
        b.notes,
        gossipViews);
  }

  private List<Event> recentEvents() {
    int n = (int) Math.min(ringWritten, ring.length);
    List<Event> out = new ArrayList<>(n);
    long start = ringWritten - n;
    for (long i = start; i < ringWritten; i++) {
      out.add(ring[(int) (i % ring.length)]);
    }
    return out;
  }
}
