package io.libp2p.pubsub;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import pubsub.pb.Rpc;

/**
 * What the router will send one peer at the next flush: subscriptions, messages and control parts
 * are merged into as few RPCs as fit in the frame limit. Event thread only.
 */
public final class RpcPartsQueue {
    private final List<Rpc.RPC.SubOpts> subscriptions = new ArrayList<>();
    private final List<Rpc.Message> publish = new ArrayList<>();
    private final List<CompletableFuture<kotlin.Unit>> publishFutures = new ArrayList<>();
    private final Rpc.ControlMessage.Builder control = Rpc.ControlMessage.newBuilder();

    public void addSubscribe(String topic, boolean subscribe) {
        subscriptions.add(Rpc.RPC.SubOpts.newBuilder().setTopicid(topic).setSubscribe(subscribe).build());
    }

    public CompletableFuture<kotlin.Unit> addPublish(Rpc.Message msg) {
        CompletableFuture<kotlin.Unit> f = new CompletableFuture<>();
        publish.add(msg);
        publishFutures.add(f);
        return f;
    }

    public void addGraft(String topic) {
        control.addGraft(Rpc.ControlGraft.newBuilder().setTopicID(topic));
    }

    /** {@code backoffSeconds} null: no backoff field (gossipsub 1.0 peers). */
    public void addPrune(String topic, Long backoffSeconds) {
        Rpc.ControlPrune.Builder p = Rpc.ControlPrune.newBuilder().setTopicID(topic);
        if (backoffSeconds != null) {
            p.setBackoff(backoffSeconds);
        }
        control.addPrune(p);
    }

    public void addIHave(String topic, List<ByteString> ids) {
        control.addIhave(Rpc.ControlIHave.newBuilder().setTopicID(topic).addAllMessageIDs(ids));
    }

    public void addIWant(List<ByteString> ids) {
        control.addIwant(Rpc.ControlIWant.newBuilder().addAllMessageIDs(ids));
    }

    public void addIDontWant(List<ByteString> ids) {
        control.addIdontwant(Rpc.ControlIDontWant.newBuilder().addAllMessageIDs(ids));
    }

    public boolean isEmpty() {
        return subscriptions.isEmpty() && publish.isEmpty() && isControlEmpty();
    }

    private boolean isControlEmpty() {
        return control.getIhaveCount() == 0 && control.getIwantCount() == 0 && control.getGraftCount() == 0
                && control.getPruneCount() == 0 && control.getIdontwantCount() == 0;
    }

    /** The pending parts as RPCs of at most {@code maxSize} bytes each (a single larger message goes alone). */
    public List<Rpc.RPC> takeMerged(int maxSize) {
        List<Rpc.RPC> out = new ArrayList<>();
        Rpc.RPC.Builder cur = Rpc.RPC.newBuilder().addAllSubscriptions(subscriptions);
        if (!isControlEmpty()) {
            cur.setControl(control.build());
        }
        for (Rpc.Message m : publish) {
            int size = cur.build().getSerializedSize();
            int add = m.getSerializedSize() + 5;
            if (size > 0 && size + add > maxSize) {
                out.add(cur.build());
                cur = Rpc.RPC.newBuilder();
            }
            cur.addPublish(m);
        }
        Rpc.RPC last = cur.build();
        if (last.getSerializedSize() > 0) {
            out.add(last);
        }
        subscriptions.clear();
        publish.clear();
        control.clear();
        return out;
    }

    /** The futures of the messages taken by the last {@link #takeMerged}; the caller completes them. */
    public List<CompletableFuture<kotlin.Unit>> takePublishFutures() {
        List<CompletableFuture<kotlin.Unit>> f = new ArrayList<>(publishFutures);
        publishFutures.clear();
        return f;
    }
}
