package dev.privacyagent.analyzer.simulate;

import dev.privacyagent.analyzer.event.*;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * An Ethereum-like gossip network seen by three local nodes with known ground truth (scenario
 * {@code gossip}). Sixty remote peers hold the block and aggregate topics and two random
 * backbone attestation subnets each; twelve of them are "supernodes" that hold all 64 subnets.
 * Each local node has the supernodes and 18 random others as gossip peers, a mesh of D=6 per
 * topic, and validators that attest once per 384 s epoch on a random subnet:
 * <ul>
 *   <li>LEAKY (4 validators) holds two backbone subnets and publishes duties elsewhere by fanout;
 *       one validator is an aggregator every fourth epoch, subscribing to its subnet shortly
 *       before the duty and leaving two minutes after;
 *   <li>CAREFUL (4 validators) holds all 64 subnets long-lived, so every duty goes to its mesh on
 *       a subnet it always holds, among much relayed traffic;
 *   <li>FLOOD (2 validators) holds two backbone subnets and flood-publishes: every topic peer gets
 *       its duty messages first-hand.
 * </ul>
 * Received traffic is written as per-minute {@link GossipTopicStats} / {@link GossipPeerStats};
 * per-message events only for the block topic (the rest counted as skipped). Deterministic per
 * seed. {@link #truth()} says what an analysis must find.
 */
public final class GossipTraffic {
  public enum Role { LEAKY, CAREFUL, FLOOD }

  public static final int SUBNETS = 64;
  public static final int EPOCHS = 12;
  public static final long EPOCH_MILLIS = 384_000;
  public static final long INTERVAL_MILLIS = 60_000;
  public static final int REMOTE_PEERS = 60;
  public static final int SUPERNODES = 12;
  public static final int PEERS_PER_NODE = 30;
  public static final int D = 6;
  public static final double ADVERSARY_SHARE = 0.1;
  static final String DIGEST = "/eth2/6a95a1a9/";

  /**
   * What the scenario put in, for tests to hold an analysis against.
   *
   * @param nodes the local node ids
   * @param exposedSubnets per node, the duty subnets (short names) it published on outside its
   *     long-lived subscriptions
   * @param meanLinkProbability per node, the mean over its duties of 1 - (1 - f)^k with k the
   *     first-hand recipients of an exposed duty (0 for a covered one), f = {@link #ADVERSARY_SHARE}
   * @param locatablePeers per node, remote peers that first-delivered on a subnet they do not hold
   */
  public record Truth(
      Map<Role, String> nodes,
      Map<Role, Integer> validators,
      Map<Role, Set<String>> backbone,
      Map<Role, Set<String>> exposedSubnets,
      Map<Role, Double> meanLinkProbability,
      Map<Role, Set<String>> locatablePeers) {}

  private record Draft(long wall, long order, String node, Maker make) {}

  private interface Maker {
    Event make(long seq, long nanos, long wall);
  }

  private static final class Remote {
    final String id;
    final Set<Integer> subnets = new TreeSet<>();
    final boolean supernode;
    final boolean validatorHost;

    Remote(String id, boolean supernode, boolean validatorHost) {
      this.id = id;
      this.supernode = supernode;
      this.validatorHost = validatorHost;
    }

    List<String> topics() {
      List<String> out = new ArrayList<>(List.of(block(), aggregate()));
      subnets.forEach(s -> out.add(subnet(s)));
      return out;
    }
  }

  private final Random rnd;
  private final List<Draft> drafts = new ArrayList<>();
  private long order;
  private final List<Remote> remotes = new ArrayList<>();
  private final Map<Role, String> nodes = new EnumMap<>(Role.class);
  private final Map<Role, Integer> validators = new EnumMap<>(Role.class);
  private final Map<Role, Set<String>> backbone = new EnumMap<>(Role.class);
  private final Map<Role, Set<String>> exposed = new EnumMap<>(Role.class);
  private final Map<Role, Double> linkMean = new EnumMap<>(Role.class);
  private final Map<Role, Set<String>> locatable = new EnumMap<>(Role.class);
  private final List<Event> events;

  public GossipTraffic(long seed) {
    this.rnd = new Random(seed);
    for (int i = 0; i < REMOTE_PEERS; i++) {
      Remote r = new Remote(SimPeerIds.next(rnd), i < SUPERNODES, i >= SUPERNODES && i % 3 == 0);
      if (r.supernode) {
        for (int s = 0; s < SUBNETS; s++) {
          r.subnets.add(s);
        }
      } else {
        while (r.subnets.size() < 2) {
          r.subnets.add(rnd.nextInt(SUBNETS));
        }
      }
      remotes.add(r);
    }
    int k = 0;
    for (Role role : Role.values()) {
      node(role, k++);
    }
    this.events = finish();
  }

  public List<Event> events() {
    return events;
  }

  public Truth truth() {
    return new Truth(Map.copyOf(nodes), Map.copyOf(validators), Map.copyOf(backbone), Map.copyOf(exposed),
        Map.copyOf(linkMean), Map.copyOf(locatable));
  }

  static String subnet(int s) {
    return DIGEST + "beacon_attestation_" + s + "/ssz_snappy";
  }

  static String block() {
    return DIGEST + "beacon_block/ssz_snappy";
  }

  static String aggregate() {
    return DIGEST + "beacon_aggregate_and_proof/ssz_snappy";
  }

  private void add(long wall, String node, Maker m) {
    drafts.add(new Draft(wall, order++, node, m));
  }

  /** Everything one local node reports. */
  private void node(Role role, int index) {
    String node = SimPeerIds.next(rnd);
    nodes.put(role, node);
    int vals = role == Role.FLOOD ? 2 : 4;
    validators.put(role, vals);
    add(0, node, (seq, n, w) -> new HostCreated(seq, n, w, node, node));
    Long flood = role == Role.FLOOD ? (long) Integer.MAX_VALUE : 0L;
    add(5, node, (seq, n, w) -> new GossipRouterCreated(seq, n, w, node, "/meshsub/1.2.0", (long) D, 4L, 12L, 6L,
        flood, 1000L, false));
    // long-lived subscriptions
    Set<Integer> held = new TreeSet<>();
    if (role == Role.CAREFUL) {
      for (int s = 0; s < SUBNETS; s++) {
        held.add(s);
      }
    } else {
      while (held.size() < 2) {
        held.add(rnd.nextInt(SUBNETS));
      }
    }
    Set<String> backboneNames = new TreeSet<>();
    held.forEach(s -> backboneNames.add("beacon_attestation_" + s));
    backbone.put(role, backboneNames);
    List<String> local = new ArrayList<>(List.of(block(), aggregate()));
    held.forEach(s -> local.add(subnet(s)));
    for (String topic : local) {
      add(10, node, (seq, n, w) -> new GossipLocalSubscription(seq, n, w, node, topic, true, false));
    }
    // gossip peers: every supernode, the rest random
    List<Remote> pool = new ArrayList<>(remotes);
    Collections.shuffle(pool, rnd);
    pool.sort(Comparator.comparing(r -> !r.supernode));
    List<Remote> peers = new ArrayList<>(pool.subList(0, PEERS_PER_NODE));
    Map<String, List<String>> topicPeers = new LinkedHashMap<>();
    for (int i = 0; i < peers.size(); i++) {
      Remote r = peers.get(i);
      long at = 1_000 + i * 200L;
      add(at, node, (seq, n, w) -> new GossipPeerStatus(seq, n, w, node, r.id, true, false));
      add(at, node, (seq, n, w) -> new GossipPeerProtocol(seq, n, w, node, r.id, "/meshsub/1.2.0", Direction.OUTBOUND));
      for (String topic : r.topics()) {
        topicPeers.computeIfAbsent(topic, k -> new ArrayList<>()).add(r.id);
        add(at + 1, node, (seq, n, w) -> new GossipPeerSubscription(seq, n, w, node, r.id, topic, true, false));
      }
    }
    Map<String, List<String>> mesh = new LinkedHashMap<>();
    for (String topic : local) {
      mesh.put(topic, graft(node, topic, topicPeers, 12_000));
    }
    // duties
    long end = EPOCHS * EPOCH_MILLIS + 30_000;
    List<double[]> duties = new ArrayList<>(); // [exposed 0/1, k]
    Set<String> exposedNames = new TreeSet<>();
    for (int e = 0; e < EPOCHS; e++) {
      for (int v = 0; v < vals; v++) {
        // inside the epoch as the analysis bins it (epochs counted from the node's first gossip event)
        long at = 10_000 + e * EPOCH_MILLIS + rnd.nextInt(32) * 11_000L;
        int s = rnd.nextInt(SUBNETS);
        String topic = subnet(s);
        boolean aggregator = role == Role.LEAKY && v == 0 && e % 4 == 1 && !held.contains(s);
        List<String> to;
        GossipPublishMode mode;
        if (held.contains(s)) {
          to = mesh.get(topic);
          mode = GossipPublishMode.MESH;
        } else if (aggregator) {
          long from = at - 24_000;
          long until = at + 120_000;
          add(from, node, (seq, n, w) -> new GossipLocalSubscription(seq, n, w, node, topic, true, false));
          to = graft(node, topic, topicPeers, from + 5);
          for (String p : to) {
            add(until + 5, node, (seq, n, w) ->
                new GossipMeshChange(seq, n, w, node, p, topic, false, GossipInitiator.LOCAL, 60L, false));
          }
          add(until, node, (seq, n, w) -> new GossipLocalSubscription(seq, n, w, node, topic, false, false));
          mode = GossipPublishMode.MESH;
        } else if (role == Role.FLOOD) {
          to = topicPeers.getOrDefault(topic, List.of());
          mode = GossipPublishMode.FLOOD;
        } else {
          List<String> all = new ArrayList<>(topicPeers.getOrDefault(topic, List.of()));
          Collections.shuffle(all, rnd);
          to = all.subList(0, Math.min(D, all.size()));
          mode = GossipPublishMode.FANOUT;
        }
        boolean isExposed = !held.contains(s);
        duties.add(new double[] {isExposed ? 1 : 0, to.size()});
        if (isExposed) {
          exposedNames.add("beacon_attestation_" + s);
        }
        List<String> recipients = List.copyOf(to);
        String id = String.format("%040x", rnd.nextLong() & Long.MAX_VALUE);
        long topicPeerCount = topicPeers.getOrDefault(topic, List.of()).size();
        add(at, node, (seq, n, w) -> new GossipPublish(seq, n, w, node, topic, id, 228, recipients.size(), recipients,
            mode, 0, mode == GossipPublishMode.MESH ? recipients.size() : 0, topicPeerCount, null));
      }
    }
    exposed.put(role, exposedNames);
    double sum = 0;
    for (double[] d : duties) {
      sum += d[0] == 1 ? 1 - Math.pow(1 - ADVERSARY_SHARE, d[1]) : 0;
    }
    linkMean.put(role, sum / duties.size());
    traffic(node, local, peers, topicPeers, mesh, end, role);
  }

  private List<String> graft(String node, String topic, Map<String, List<String>> topicPeers, long at) {
    List<String> candidates = new ArrayList<>(topicPeers.getOrDefault(topic, List.of()));
    Collections.shuffle(candidates, rnd);
    List<String> chosen = List.copyOf(candidates.subList(0, Math.min(D, candidates.size())));
    for (String p : chosen) {
      add(at, node, (seq, n, w) -> new GossipMeshChange(seq, n, w, node, p, topic, true, GossipInitiator.LOCAL, null, false));
    }
    return chosen;
  }

  /** Per-minute received/relayed traffic on the long-lived topics, per-peer counts, sampled messages. */
  private void traffic(String node, List<String> local, List<Remote> peers, Map<String, List<String>> topicPeers,
      Map<String, List<String>> mesh, long end, Role role) {
    Set<String> locatableHere = new TreeSet<>();
    Set<String> localSet = new LinkedHashSet<>(local);
    for (long t = INTERVAL_MILLIS; t <= end; t += INTERVAL_MILLIS) {
      long at = t;
      for (String topic : local) {
        boolean isBlock = topic.equals(block());
        long first = isBlock ? 5 : 20 + rnd.nextInt(20);
        long meshSize = mesh.get(topic).size();
        long dup = first * Math.max(0, meshSize - 1) / 2;
        long received = first + dup;
        long sampled = isBlock ? received : 0;
        if (isBlock) {
          for (int m = 0; m < received; m++) {
            String from = mesh.get(topic).isEmpty() ? peers.get(0).id : mesh.get(topic).get(m % (int) meshSize);
            boolean firstCopy = m < first;
            String id = String.format("%040x", rnd.nextLong() & Long.MAX_VALUE);
            long mAt = at - INTERVAL_MILLIS + 1 + m * 100L;
            add(mAt, node, (seq, n, w) -> new GossipMessageReceived(seq, n, w, node, topic, id, from, 90_000, firstCopy,
                GossipValidation.VALID, firstCopy ? null : 40_000_000L));
          }
        }
        add(at, node, (seq, n, w) -> new GossipTopicStats(seq, n, w, node, topic, INTERVAL_MILLIS * 1_000_000L,
            received, first, dup, 0, 0, received * 228, dup * 40_000_000L, 90_000_000L, 0, first, meshSize,
            topicPeers.getOrDefault(topic, List.of()).size(), received - sampled));
      }
      for (Remote r : peers) {
        List<String> firstTopics = new ArrayList<>();
        for (String topic : r.topics()) {
          if (localSet.contains(topic) && rnd.nextInt(3) == 0) {
            firstTopics.add(topic);
          }
        }
        if (r.validatorHost && rnd.nextInt(4) == 0) {
          // a remote validator's own duty on a subnet it does not hold: we see it first from it
          int s = rnd.nextInt(SUBNETS);
          if (!r.subnets.contains(s) && localSet.contains(subnet(s))) {
            firstTopics.add(subnet(s));
            locatableHere.add(r.id);
          }
        }
        long firsts = firstTopics.size() * 3L;
        List<String> ft = List.copyOf(firstTopics);
        add(at, node, (seq, n, w) -> new GossipPeerStats(seq, n, w, node, r.id, INTERVAL_MILLIS * 1_000_000L, firsts,
            firsts * 2, 0, 40, 35, 2, 1, 0, 0, ft));
      }
    }
    locatable.put(role, locatableHere);
  }

  private List<Event> finish() {
    drafts.sort(Comparator.comparingLong(Draft::wall).thenComparingLong(Draft::order));
    Map<String, long[]> seqs = new LinkedHashMap<>();
    Map<String, Long> nanoBase = new LinkedHashMap<>();
    List<Event> out = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      long[] seq = seqs.computeIfAbsent(d.node(), k -> new long[1]);
      long base = nanoBase.computeIfAbsent(d.node(), k -> SimNetwork.NANO_BASE + nanoBase.size() * 1_000_000_000_000L);
      out.add(d.make().make(++seq[0], base + d.wall() * 1_000_000L, SimNetwork.WALL_BASE + d.wall()));
    }
    return out;
  }
}
