package io.libp2p.protocol;

import com.google.protobuf.ByteString;
import identify.pb.IdentifyOuterClass;
import io.libp2p.core.ConnectionClosedException;
import io.libp2p.core.Stream;
import io.libp2p.core.multiformats.Multiaddr;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import java.util.concurrent.CompletableFuture;

/**
 * /ipfs/id/1.0.0: the responder sends one Identify message (with observedAddr set to the address it
 * sees the requester at) and half-closes; the requester reads it. It runs only when an application
 * opens the protocol.
 */
public class IdentifyProtocol extends ProtocolHandler<IdentifyController> {
    public static final String DEFAULT_AGENT_VERSION = "jvm/0.1";
    public static final String DEFAULT_PROTOCOL_VERSION = "p2p/0.1";
    /** Identify messages larger than this are rejected (a peer could otherwise make us buffer without bound). */
    public static final int MAX_MESSAGE_SIZE = 1024 * 1024;

    private volatile IdentifyOuterClass.Identify idMessage;

    public IdentifyProtocol(IdentifyOuterClass.Identify idMessage) {
        this.idMessage = idMessage;
    }

    public IdentifyProtocol() {
        this(null);
    }

    public IdentifyOuterClass.Identify getIdMessage() {
        return idMessage;
    }

    public void setIdMessage(IdentifyOuterClass.Identify idMessage) {
        this.idMessage = idMessage;
    }

    @Override
    protected CompletableFuture<IdentifyController> onStartInitiator(Stream stream) {
        IdentifyRequesterChannelHandler handler = new IdentifyRequesterChannelHandler();
        stream.pushHandler(new BoundedVarintFrameDecoder(MAX_MESSAGE_SIZE));
        stream.pushHandler(new ProtobufDecoder(IdentifyOuterClass.Identify.getDefaultInstance()));
        stream.pushHandler(handler);
        return CompletableFuture.completedFuture(handler);
    }

    @Override
    protected CompletableFuture<IdentifyController> onStartResponder(Stream stream) {
        IdentifyResponderChannelHandler handler = new IdentifyResponderChannelHandler(stream.getConnection().remoteAddress());
        stream.pushHandler(new ProtobufVarint32LengthFieldPrepender());
        stream.pushHandler(new ProtobufEncoder());
        stream.pushHandler(handler);
        return CompletableFuture.completedFuture(handler);
    }

    /** Both sides of identify. */
    public interface IdentifyHandler extends ProtocolMessageHandler<IdentifyOuterClass.Identify>, IdentifyController {
    }

    /** Sends our Identify message once the stream is active. */
    public final class IdentifyResponderChannelHandler implements IdentifyHandler {
        private final Multiaddr remoteAddr;

        public IdentifyResponderChannelHandler(Multiaddr remoteAddr) {
            this.remoteAddr = remoteAddr;
        }

        @Override
        public void onActivated(Stream stream) {
            IdentifyOuterClass.Identify msg = idMessage;
            if (msg == null) {
                msg = IdentifyOuterClass.Identify.newBuilder().setAgentVersion(DEFAULT_AGENT_VERSION)
                        .setProtocolVersion(DEFAULT_PROTOCOL_VERSION).build();
            }
            IdentifyOuterClass.Identify withObserved = msg.toBuilder()
                    .setObservedAddr(ByteString.copyFrom(remoteAddr.serialize())).build();
            stream.writeAndFlush(withObserved);
            stream.closeWrite();
        }

        @Override
        public CompletableFuture<IdentifyOuterClass.Identify> id() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("This is the identify responder only"));
        }
    }

    /** Receives the remote's Identify message. */
    public final class IdentifyRequesterChannelHandler implements IdentifyHandler {
        private final CompletableFuture<IdentifyOuterClass.Identify> resp = new CompletableFuture<>();

        @Override
        public void onMessage(Stream stream, IdentifyOuterClass.Identify msg) {
            resp.complete(msg);
            stream.closeWrite();
        }

        @Override
        public void onClosed(Stream stream) {
            resp.completeExceptionally(new ConnectionClosedException("Identify stream closed before a message arrived"));
        }

        @Override
        public void onException(Throwable cause) {
            resp.completeExceptionally(cause);
        }

        @Override
        public CompletableFuture<IdentifyOuterClass.Identify> id() {
            return resp;
        }
    }
}
