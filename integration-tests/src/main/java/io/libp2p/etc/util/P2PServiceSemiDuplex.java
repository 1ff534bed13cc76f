package io.libp2p.etc.util;

import io.libp2p.core.PeerId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Two streams per peer, one per direction: the remote-initiated one is read, ours is written. A
 * peer is active once our outbound stream is there; a second stream of the same direction is
 * closed; either stream closing disconnects the peer (both streams are closed).
 */
public abstract class P2PServiceSemiDuplex extends P2PService {
    private final Map<PeerId, SDPeerHandler> byPeerId = new HashMap<>();

    protected P2PServiceSemiDuplex(ScheduledExecutorService executor) {
        super(executor);
    }

    @Override
    protected void streamAdded(StreamHandler handler) {
        PeerId id = handler.getStream().remotePeerId();
        boolean outbound = handler.getStream().isInitiator();
        SDPeerHandler peer = byPeerId.get(id);
        if (peer == null) {
            peer = new SDPeerHandler(handler);
            byPeerId.put(id, peer);
            getPeers().add(peer);
        } else if ((outbound ? peer.outbound : peer.inbound) != null) {
            // one stream per direction per peer: a duplicate is closed, the first one stays
            handler.getStream().close();
            return;
        }
        handler.setPeerHandler(peer);
        if (outbound) {
            peer.outbound = handler;
            markActive(peer);
            onPeerActive(peer);
        } else {
            peer.inbound = handler;
        }
    }

    @Override
    protected void streamDisconnected(StreamHandler handler) {
        PeerHandler p = handler.getPeerHandler();
        if (!(p instanceof SDPeerHandler peer) || byPeerId.get(peer.getPeerId()) != peer) {
            return;
        }
        byPeerId.remove(peer.getPeerId());
        getPeers().remove(peer);
        boolean wasActive = getActivePeers().remove(peer);
        for (StreamHandler h : new StreamHandler[] {peer.inbound, peer.outbound}) {
            if (h != null && h != handler) {
                h.getStream().close();
            }
        }
        if (wasActive) {
            onPeerDisconnected(peer);
        }
    }

    /** A peer with an inbound (read) and an outbound (write) stream. */
    public class SDPeerHandler extends PeerHandler {
        private StreamHandler inbound;
        private StreamHandler outbound;

        public SDPeerHandler(StreamHandler first) {
            super(first);
        }

        @Override
        public StreamHandler getWriteHandler() {
            return outbound;
        }

        public StreamHandler getInboundHandler() {
            return inbound;
        }

        @Override
        public java.util.concurrent.CompletableFuture<kotlin.Unit> close() {
            if (inbound != null) {
                inbound.getStream().close();
            }
            return outbound != null ? outbound.getStream().close() : super.close();
        }
    }
}
