package io.libp2p.core.multistream;

import io.libp2p.core.P2PChannel;
import io.libp2p.etc.AttributesKt;
import io.libp2p.multistream.MultistreamNegotiator;
import io.libp2p.multistream.ProtocolNegotiationException;
import io.libp2p.transport.implementation.P2PChannelOverNetty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Negotiates one of its bindings on a channel and then hands the channel to that binding. The
 * bindings list is read at negotiation time, so a live list (the host's protocols) serves protocols
 * added later. The binding's initChannel runs on the event loop before bytes that followed the
 * negotiation reach the pipeline, so the handlers it adds see them.
 */
final class NegotiatingMultistream<TController> implements Multistream<TController> {
    private final List<? extends ProtocolBinding<TController>> bindings;
    private final Duration timeout;

    NegotiatingMultistream(List<? extends ProtocolBinding<TController>> bindings, Duration timeout) {
        this.bindings = bindings;
        this.timeout = timeout;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ProtocolBinding<TController>> getBindings() {
        return (List<ProtocolBinding<TController>>) bindings;
    }

    @Override
    public CompletableFuture<TController> initChannel(P2PChannel ch) {
        CompletableFuture<TController> result = new CompletableFuture<>();
        CompletableFuture<String> protocolFuture = ch instanceof P2PChannelOverNetty n
                ? n.getNettyChannel().attr(AttributesKt.getPROTOCOL()).get() : null;
        MultistreamNegotiator negotiator;
        if (ch.isInitiator()) {
            List<String> proposals = new ArrayList<>();
            for (ProtocolBinding<TController> b : bindings) {
                proposals.addAll(b.getProtocolDescriptor().getAnnounceProtocols());
            }
            negotiator = MultistreamNegotiator.initiator(proposals, timeout);
        } else {
            negotiator = MultistreamNegotiator.responder(p -> find(p, false) != null, announced(), timeout);
        }
        negotiator.result().whenComplete((protocol, err) -> {
            if (err != null) {
                if (protocolFuture != null) {
                    protocolFuture.completeExceptionally(err);
                }
                result.completeExceptionally(err);
                return;
            }
            ProtocolBinding<TController> binding = find(protocol, ch.isInitiator());
            if (binding == null) {
                ProtocolNegotiationException e = new ProtocolNegotiationException("no binding for negotiated protocol " + protocol);
                result.completeExceptionally(e);
                ch.close();
                return;
            }
            if (protocolFuture != null) {
                protocolFuture.complete(protocol);
            }
            NegotiatedIds.record(ch, protocol);
            try {
                binding.initChannel(ch, protocol).whenComplete((c, t) -> {
                    if (t != null) {
                        result.completeExceptionally(t);
                    } else {
                        result.complete(c);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                ch.close();
            }
        });
        ch.pushHandler(negotiator);
        return result;
    }

    private List<String> announced() {
        List<String> out = new ArrayList<>();
        for (ProtocolBinding<TController> b : bindings) {
            out.addAll(b.getProtocolDescriptor().getAnnounceProtocols());
        }
        return out;
    }

    private ProtocolBinding<TController> find(String protocol, boolean byAnnounce) {
        for (ProtocolBinding<TController> b : bindings) {
            ProtocolDescriptor d = b.getProtocolDescriptor();
            if (byAnnounce ? d.getAnnounceProtocols().contains(protocol) : d.getProtocolMatcher().matches(protocol)) {
                return b;
            }
        }
        return null;
    }
}
