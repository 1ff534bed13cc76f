package io.libp2p.pubsub.gossip;

import io.libp2p.etc.types.WBytes;
import io.libp2p.pubsub.PubsubMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gossipsub message cache: messages of the last {@code historyLength} heartbeats (answers IWANT),
 * of which the ids of the last {@code gossipSize} are advertised in IHAVE. Event thread only.
 */
public class MCache {
    private final int gossipSize;
    private final int historyLength;
    private final ArrayDeque<List<PubsubMessage>> windows = new ArrayDeque<>();
    private final Map<WBytes, PubsubMessage> byId = new HashMap<>();

    public MCache(int gossipSize, int historyLength) {
        this.gossipSize = gossipSize;
        this.historyLength = historyLength;
        windows.addFirst(new ArrayList<>());
    }

    public void add(PubsubMessage msg) {
        if (byId.putIfAbsent(msg.getMessageId(), msg) == null) {
            windows.peekFirst().add(msg);
        }
    }

    public PubsubMessage getMessage(WBytes id) {
        return byId.get(id);
    }

    /** Ids of the gossip window for {@code topic}, newest heartbeat first. */
    public Set<WBytes> getMessageIds(String topic) {
        Set<WBytes> ids = new LinkedHashSet<>();
        int i = 0;
        for (List<PubsubMessage> w : windows) {
            if (i++ >= gossipSize) {
                break;
            }
            for (PubsubMessage m : w) {
                if (m.getTopics().contains(topic)) {
                    ids.add(m.getMessageId());
                }
            }
        }
        return ids;
    }

    /** Called each heartbeat: opens a new window and forgets the oldest beyond the history. */
    public void shift() {
        windows.addFirst(new ArrayList<>());
        while (windows.size() > historyLength) {
            for (PubsubMessage m : windows.pollLast()) {
                byId.remove(m.getMessageId());
            }
        }
    }

    public int size() {
        return byId.size();
    }
}
