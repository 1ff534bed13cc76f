package io.libp2p.pubsub;

/** The router validators of jvm-libp2p's PubsubRouter.kt: none (the builder default) and signature check. */
public final class PubsubRouterKt {
    private static final PubsubRouterMessageValidator NOP_ROUTER_VALIDATOR = msg -> {
    };
    private static final PubsubRouterMessageValidator SIGNATURE_ROUTER_VALIDATOR = msg -> {
        if (!PubsubCrypto.verify(msg.getProtobufMessage())) {
            throw new InvalidMessageException("Invalid pubsub message signature");
        }
    };

    private PubsubRouterKt() {
    }

    public static final PubsubRouterMessageValidator getNOP_ROUTER_VALIDATOR() {
        return NOP_ROUTER_VALIDATOR;
    }

    public static final PubsubRouterMessageValidator getSIGNATURE_ROUTER_VALIDATOR() {
        return SIGNATURE_ROUTER_VALIDATOR;
    }
}
