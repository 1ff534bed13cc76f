package io.libp2p.core.multistream;

import io.libp2p.core.Host;
import io.libp2p.core.Libp2pException;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.multiformats.Multiaddr;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A protocol (security, muxer or application) that multistream-select can negotiate. After a
 * successful negotiation the engine calls {@link #initChannel(P2PChannel, String)} with the
 * negotiated id.
 */
public interface ProtocolBinding<TController> {
    ProtocolDescriptor getProtocolDescriptor();

    default StreamPromise<? extends TController> dial(Host host, Multiaddr addrWithPeer) {
        PeerId peer = addrWithPeer.getPeerId();
        if (peer == null) {
            throw new Libp2pException("Multiaddress should contain /p2p/<peerId> component: " + addrWithPeer);
        }
        return dial(host, peer, addrWithPeer);
    }

    default StreamPromise<? extends TController> dial(Host host, PeerId peer, Multiaddr... addr) {
        return host.newStream(getProtocolDescriptor().getAnnounceProtocols(), peer, addr);
    }

    CompletableFuture<? extends TController> initChannel(P2PChannel ch, String selectedProtocol);

    /** The same binding, announcing exactly {@code protocols} (used by the side that opens a stream). */
    default ProtocolBinding<TController> toInitiator(List<String> protocols) {
        ProtocolBinding<TController> src = this;
        ProtocolDescriptor descriptor = new ProtocolDescriptor(protocols, src.getProtocolDescriptor().getProtocolMatcher());
        return new ProtocolBinding<>() {
            @Override
            public ProtocolDescriptor getProtocolDescriptor() {
                return descriptor;
            }

            @Override
            public CompletableFuture<? extends TController> initChannel(P2PChannel ch, String selectedProtocol) {
                return src.initChannel(ch, selectedProtocol);
            }
        };
    }
}
