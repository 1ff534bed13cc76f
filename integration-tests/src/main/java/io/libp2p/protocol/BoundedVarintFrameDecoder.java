package io.libp2p.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/** Unsigned-varint length-prefixed frames with a size bound, for messages from untrusted peers. */
public final class BoundedVarintFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrame;

    public BoundedVarintFrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            in.markReaderIndex();
            long len = 0;
            int shift = 0;
            boolean complete = false;
            while (in.isReadable()) {
                int b = in.readByte();
                len |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    complete = true;
                    break;
                }
                shift += 7;
                if (shift > 35) {
                    throw new CorruptedFrameException("varint length prefix too long");
                }
            }
            if (!complete) {
                in.resetReaderIndex();
                return;
            }
            if (len > maxFrame) {
                throw new TooLongFrameException("frame of " + len + " bytes exceeds " + maxFrame);
            }
            if (in.readableBytes() < len) {
                in.resetReaderIndex();
                return;
            }
            out.add(in.readRetainedSlice((int) len));
        }
    }
}
