package io.libp2p.pubsub;

import io.libp2p.etc.types.WBytes;
import pubsub.pb.Rpc;

/**
 * The default message factory's product: id = {@code from ++ seqno}. Unsigned messages (no from, no
 * seqno) all get the empty id, so StrictNoSign apps must install a content-id factory.
 */
public class DefaultPubsubMessage extends AbstractPubsubMessage {
    private final Rpc.Message protobufMessage;
    private final WBytes messageId;

    public DefaultPubsubMessage(Rpc.Message protobufMessage) {
        this.protobufMessage = protobufMessage;
        this.messageId = new WBytes(protobufMessage.getFrom().concat(protobufMessage.getSeqno()).toByteArray());
    }

    @Override
    public Rpc.Message getProtobufMessage() {
        return protobufMessage;
    }

    @Override
    public WBytes getMessageId() {
        return messageId;
    }

    @Override
    public String toString() {
        return "DefaultPubsubMessage{id=" + messageId + ", topics=" + getTopics() + ", size=" + getSize() + "}";
    }
}
