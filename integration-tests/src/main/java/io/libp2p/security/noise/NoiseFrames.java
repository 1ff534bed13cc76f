package io.libp2p.security.noise;

import io.netty.buffer.ByteBuf;

/** Noise messages on a stream transport: a 2-byte big-endian length, then at most 65535 bytes. */
final class NoiseFrames {
    static final int MAX_MESSAGE_LENGTH = 65535;

    private NoiseFrames() {
    }

    /** Reads one complete message, or returns null and leaves {@code in} untouched. */
    static byte[] read(ByteBuf in) {
        if (in.readableBytes() < 2) {
            return null;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (in.readableBytes() < 2 + length) {
            return null;
        }
        in.skipBytes(2);
        byte[] msg = new byte[length];
        in.readBytes(msg);
        return msg;
    }

    static void write(ByteBuf out, byte[] msg) {
        if (msg.length > MAX_MESSAGE_LENGTH) {
            throw new NoiseException("Noise message of " + msg.length + " bytes exceeds " + MAX_MESSAGE_LENGTH);
        }
        out.writeShort(msg.length);
        out.writeBytes(msg);
    }
}
