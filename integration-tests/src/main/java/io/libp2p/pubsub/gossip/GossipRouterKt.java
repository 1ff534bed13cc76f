package io.libp2p.pubsub.gossip;

import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.etc.util.P2PService;
import io.libp2p.pubsub.PubsubProtocol;

/** Kotlin extension functions on {@code PeerHandler} from GossipRouter.kt, as statics. */
public final class GossipRouterKt {
    private GossipRouterKt() {
    }

    public static final boolean isOutbound(P2PService.PeerHandler peer) {
        return peer.isOutbound();
    }

    public static final Multiaddr getRemoteAddress(P2PService.PeerHandler peer) {
        return peer.getRemoteAddress();
    }

    public static final PubsubProtocol getPeerProtocol(P2PService.PeerHandler peer) {
        PubsubProtocol p = PubsubProtocol.fromAnnounce(peer.getProtocolId());
        if (p == null) {
            throw new IllegalStateException("Unknown pubsub protocol " + peer.getProtocolId());
        }
        return p;
    }
}
