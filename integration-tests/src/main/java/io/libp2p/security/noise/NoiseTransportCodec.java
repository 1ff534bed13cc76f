package io.libp2p.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import java.util.List;

/**
 * Encrypts outbound bytes into Noise transport messages and decrypts inbound ones. A message that
 * fails authentication closes the connection: the stream cannot be trusted after it.
 */
public final class NoiseTransportCodec extends ByteToMessageCodec<ByteBuf> {
    private static final byte[] NO_AD = new byte[0];
    static final int MAX_PLAINTEXT = NoiseFrames.MAX_MESSAGE_LENGTH - NoiseCipherState.TAG_LENGTH;

    private final NoiseCipherState sender;
    private final NoiseCipherState receiver;
    private boolean failed;

    NoiseTransportCodec(NoiseCipherState sender, NoiseCipherState receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) {
        byte[] chunk = new byte[Math.min(msg.readableBytes(), MAX_PLAINTEXT)];
        while (msg.isReadable()) {
            int n = Math.min(msg.readableBytes(), MAX_PLAINTEXT);
            msg.readBytes(chunk, 0, n);
            NoiseFrames.write(out, sender.encrypt(NO_AD, chunk, 0, n));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        byte[] ct;
        while ((ct = NoiseFrames.read(in)) != null) {
            try {
                out.add(ctx.alloc().buffer(ct.length).writeBytes(receiver.decrypt(NO_AD, ct, 0, ct.length)));
            } catch (NoiseException e) {
                failed = true;
                in.skipBytes(in.readableBytes());
                ctx.fireExceptionCaught(e);
                ctx.close();
                return;
            }
        }
    }
}
