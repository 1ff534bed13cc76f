package dev.privacyagent.sample.gossip;

import io.libp2p.pubsub.InvalidMessageException;
import io.libp2p.pubsub.PubsubMessage;
import io.libp2p.pubsub.PubsubRouterMessageValidator;
import pubsub.pb.Rpc;

/** StrictNoSign as Teku enforces it: a message with from, seqno, signature or key is invalid. */
public final class NoSignFieldValidator implements PubsubRouterMessageValidator {
    @Override
    public void validate(PubsubMessage msg) {
        Rpc.Message m = msg.getProtobufMessage();
        if (m.hasFrom() || m.hasSeqno() || m.hasSignature() || m.hasKey()) {
            throw new InvalidMessageException("StrictNoSign: message carries from/seqno/signature/key");
        }
    }
}
