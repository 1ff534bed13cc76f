package io.libp2p.pubsub;

import com.google.protobuf.ByteString;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApi;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.PubsubSubscription;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.core.pubsub.ValidationResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import pubsub.pb.Rpc;

/**
 * The application API over a router. Subscriptions are counted per topic: the router is told only
 * about the first subscription of a topic and the last unsubscription (it may get an empty array).
 * Subscribers are invoked on the router's event thread; their results are combined (any Invalid →
 * Invalid, else any Ignore → Ignore, else Valid).
 */
public class PubsubApiImpl implements PubsubApi {
    private final PubsubRouter router;
    private final Map<String, List<SubscriptionImpl>> subscriptions = new HashMap<>();

    public PubsubApiImpl(PubsubRouter router) {
        this.router = router;
        router.initHandler(this::onNewMessage);
    }

    public final PubsubRouter getRouter() {
        return router;
    }

    private CompletableFuture<ValidationResult> onNewMessage(PubsubMessage msg) {
        Set<SubscriptionImpl> receivers = new LinkedHashSet<>();
        synchronized (subscriptions) {
            for (String t : msg.getTopics()) {
                List<SubscriptionImpl> l = subscriptions.get(t);
                if (l != null) {
                    receivers.addAll(l);
                }
            }
        }
        if (receivers.isEmpty()) {
            return PubsubApiKt.getRESULT_VALID();
        }
        MessageApi api = new ReceivedMessage(msg);
        List<CompletableFuture<ValidationResult>> results = new ArrayList<>();
        for (SubscriptionImpl s : receivers) {
            results.add(s.receiver.apply(api));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(x -> {
            ValidationResult r = ValidationResult.Valid;
            for (CompletableFuture<ValidationResult> f : results) {
                ValidationResult v = f.join();
                if (v == ValidationResult.Invalid) {
                    return ValidationResult.Invalid;
                }
                if (v == ValidationResult.Ignore) {
                    r = ValidationResult.Ignore;
                }
            }
            return r;
        });
    }

    @Override
    public PubsubSubscription subscribe(Function<MessageApi, CompletableFuture<ValidationResult>> receiver, Topic... topics) {
        SubscriptionImpl sub = new SubscriptionImpl(topics, receiver);
        List<String> first = new ArrayList<>();
        synchronized (subscriptions) {
            for (Topic t : topics) {
                List<SubscriptionImpl> l = subscriptions.computeIfAbsent(t.getTopic(), k -> new ArrayList<>());
                if (l.isEmpty()) {
                    first.add(t.getTopic());
                }
                l.add(sub);
            }
        }
        router.subscribe(first.toArray(String[]::new));
        return sub;
    }

    private void unsubscribeImpl(SubscriptionImpl sub) {
        List<String> last = new ArrayList<>();
        synchronized (subscriptions) {
            for (Topic t : sub.topics) {
                List<SubscriptionImpl> l = subscriptions.get(t.getTopic());
                if (l != null && l.remove(sub) && l.isEmpty()) {
                    subscriptions.remove(t.getTopic());
                    last.add(t.getTopic());
                }
            }
        }
        router.unsubscribe(last.toArray(String[]::new));
    }

    @Override
    public CompletableFuture<Map<PeerId, Set<Topic>>> getPeerTopics() {
        return router.getPeerTopics().thenApply(m -> {
            Map<PeerId, Set<Topic>> out = new LinkedHashMap<>();
            m.forEach((peer, topics) -> {
                Set<Topic> s = new LinkedHashSet<>();
                topics.forEach(t -> s.add(new Topic(t)));
                out.put(peer, s);
            });
            return out;
        });
    }

    @Override
    public PubsubPublisherApi createPublisher(PrivKey privKey, kotlin.jvm.functions.Function0<Long> seqIdGenerator) {
        return new PublisherImpl(privKey, seqIdGenerator);
    }

    /** One subscribe call's handle. */
    public final class SubscriptionImpl implements PubsubSubscription {
        private final Topic[] topics;
        private final Function<MessageApi, CompletableFuture<ValidationResult>> receiver;
        private boolean unsubscribed;

        SubscriptionImpl(Topic[] topics, Function<MessageApi, CompletableFuture<ValidationResult>> receiver) {
            this.topics = topics.clone();
            this.receiver = receiver;
        }

        public final Topic[] getTopics() {
            return topics.clone();
        }

        @Override
        public void unsubscribe() {
            synchronized (this) {
                if (unsubscribed) {
                    throw new IllegalStateException("Already unsubscribed");
                }
                unsubscribed = true;
            }
            unsubscribeImpl(this);
        }
    }

    /** Builds, signs (with a key) and publishes messages. */
    public class PublisherImpl implements PubsubPublisherApi {
        private final PrivKey privKey;
        private final kotlin.jvm.functions.Function0<Long> seqIdGenerator;
        private final byte[] ownFrom;

        public PublisherImpl(PrivKey privKey, kotlin.jvm.functions.Function0<Long> seqIdGenerator) {
            this.privKey = privKey;
            this.seqIdGenerator = seqIdGenerator;
            this.ownFrom = privKey == null ? null : PeerId.fromPubKey(privKey.publicKey()).getBytes();
        }

        @Override
        public CompletableFuture<kotlin.Unit> publishExt(ByteBuf data, byte[] from, Long seqId, Topic... topics) {
            Rpc.Message.Builder b = Rpc.Message.newBuilder().setData(ByteString.copyFrom(ByteBufUtil.getBytes(data)));
            for (Topic t : topics) {
                b.addTopicIDs(t.getTopic());
            }
            byte[] f = from != null ? from : ownFrom;
            if (privKey != null && from != null && !Arrays.equals(from, ownFrom)) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("'from' does not match the signing key"));
            }
            if (f != null) {
                b.setFrom(ByteString.copyFrom(f));
            }
            Long seq = seqId != null ? seqId : seqIdGenerator.invoke();
            if (seq != null) {
                b.setSeqno(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(seq).array()));
            }
            Rpc.Message msg = privKey != null ? PubsubCrypto.sign(b.build(), privKey) : b.build();
            PubsubMessage pm;
            try {
                pm = router.getMessageFactory().invoke(msg);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return router.publish(pm);
        }
    }

    /** What a subscriber sees of a received message. */
    private record ReceivedMessage(PubsubMessage original) implements MessageApi {
        @Override
        public PubsubMessage getOriginalMessage() {
            return original;
        }

        @Override
        public ByteBuf getData() {
            return io.netty.buffer.Unpooled.wrappedBuffer(original.getProtobufMessage().getData().toByteArray());
        }

        @Override
        public byte[] getFrom() {
            Rpc.Message m = original.getProtobufMessage();
            return m.hasFrom() ? m.getFrom().toByteArray() : null;
        }

        @Override
        public Long getSeqId() {
            Rpc.Message m = original.getProtobufMessage();
            return m.hasSeqno() && m.getSeqno().size() == 8 ? ByteBuffer.wrap(m.getSeqno().toByteArray()).getLong() : null;
        }

        @Override
        public List<Topic> getTopics() {
            List<Topic> t = new ArrayList<>();
            for (String s : original.getTopics()) {
                t.add(new Topic(s));
            }
            return t;
        }
    }
}
