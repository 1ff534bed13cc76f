package io.libp2p.mux.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/** Splits inbound bytes into {@link YamuxFrame}s and encodes outbound frames. */
public final class YamuxFrameCodec extends ByteToMessageDecoder {
    /** Refuse data frames beyond this before buffering them; the session checks the real window. */
    public static final int MAX_DATA_LENGTH = 16 * 1024 * 1024;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= YamuxFrame.HEADER_LENGTH) {
            int start = in.readerIndex();
            int version = in.getUnsignedByte(start);
            int type = in.getUnsignedByte(start + 1);
            int flags = in.getUnsignedShort(start + 2);
            int streamId = in.getInt(start + 4);
            long length = in.getUnsignedInt(start + 8);
            if (version != YamuxFrame.VERSION) {
                throw new YamuxProtocolException("unsupported yamux version " + version);
            }
            if (type > YamuxFrame.TYPE_GO_AWAY) {
                throw new YamuxProtocolException("unknown yamux frame type " + type);
            }
            ByteBuf data = null;
            if (type == YamuxFrame.TYPE_DATA) {
                if (length > MAX_DATA_LENGTH) {
                    throw new YamuxProtocolException("yamux data frame of " + length + " bytes exceeds " + MAX_DATA_LENGTH);
                }
                if (in.readableBytes() < YamuxFrame.HEADER_LENGTH + length) {
                    return;
                }
                in.skipBytes(YamuxFrame.HEADER_LENGTH);
                data = in.readRetainedSlice((int) length);
            } else {
                in.skipBytes(YamuxFrame.HEADER_LENGTH);
            }
            out.add(new YamuxFrame(type, flags, streamId, length, data));
        }
    }

    static ByteBuf header(ByteBufAllocator alloc, int type, int flags, int streamId, long length) {
        ByteBuf h = alloc.buffer(YamuxFrame.HEADER_LENGTH);
        h.writeByte(YamuxFrame.VERSION);
        h.writeByte(type);
        h.writeShort(flags);
        h.writeInt(streamId);
        h.writeInt((int) length);
        return h;
    }

    /** A data frame owning {@code data}; header and body travel as one buffer so that one frame is one write. */
    static ByteBuf data(ByteBufAllocator alloc, int flags, int streamId, ByteBuf data) {
        CompositeByteBuf frame = alloc.compositeBuffer(2);
        frame.addComponent(true, header(alloc, YamuxFrame.TYPE_DATA, flags, streamId, data.readableBytes()));
        frame.addComponent(true, data);
        return frame;
    }
}
