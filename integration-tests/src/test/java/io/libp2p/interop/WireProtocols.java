package io.libp2p.interop;

import identify.pb.IdentifyOuterClass.Identify;
import io.libp2p.multistream.MultistreamCodec;
import io.libp2p.wiretest.Echo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;

/** Just enough identify (/ipfs/id/1.0.0) and ping (/ipfs/ping/1.0.0) on raw streams to meet js-libp2p. */
final class WireProtocols {
    static final String IDENTIFY = "/ipfs/id/1.0.0";
    static final String PING = "/ipfs/ping/1.0.0";
    static final String AGENT = "wire-engines-test/0.1";

    private WireProtocols() {
    }

    /** Sends one length-prefixed Identify message, then half-closes. */
    static final class IdentifyResponder extends ChannelInboundHandlerAdapter {
        private final byte[] publicKey;

        IdentifyResponder(byte[] publicKey) {
            this.publicKey = publicKey;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            byte[] msg = Identify.newBuilder()
                .setProtocolVersion("ipfs/0.1.0")
                .setAgentVersion(AGENT)
                .setPublicKey(com.google.protobuf.ByteString.copyFrom(publicKey))
                .addAllProtocols(List.of(IDENTIFY, PING, Echo.PROTOCOL))
                .build().toByteArray();
            ByteBuf out = ctx.alloc().buffer(msg.length + 5);
            MultistreamCodec.writeVarint(out, msg.length);
            out.writeBytes(msg);
            ctx.writeAndFlush(out);
            ctx.channel().disconnect();
        }
    }

    /** Parses what an identify responder sent: a varint length and the message. */
    static Identify parseIdentify(byte[] bytes) throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        int len = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            len |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        byte[] msg = new byte[len];
        in.readBytes(msg);
        return Identify.parseFrom(msg);
    }
}
