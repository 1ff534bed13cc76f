package io.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Multistream-select 1.0.0 message framing: an unsigned-varint length, then the UTF-8 text, then
 * a newline that the length includes.
 */
public final class MultistreamCodec {
    public static final String HEADER = "/multistream/1.0.0";
    public static final String NA = "na";
    public static final String LS = "ls";
    /** Upper bound for one message; a peer announcing more is not speaking multistream. */
    public static final int MAX_MESSAGE_LENGTH = 64 * 1024;
    /** Protocol ids longer than this are refused (they are shown to users and logged). */
    public static final int MAX_PROTOCOL_ID_LENGTH = 1024;

    private MultistreamCodec() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = alloc.buffer(text.length + 6);
        writeVarint(out, text.length + 1);
        out.writeBytes(text);
        out.writeByte('\n');
        return out;
    }

    /** The reply to {@code ls}: one multistream message whose body is the list, each entry framed itself. */
    public static ByteBuf encodeList(ByteBufAllocator alloc, List<String> protocols) {
        ByteBuf body = alloc.buffer();
        try {
            for (String p : protocols) {
                ByteBuf one = encode(alloc, p);
                body.writeBytes(one);
                one.release();
            }
            ByteBuf out = alloc.buffer(body.readableBytes() + 6);
            writeVarint(out, body.readableBytes() + 1);
            out.writeBytes(body);
            out.writeByte('\n');
            return out;
        } finally {
            body.release();
        }
    }

    /**
     * Reads one message if it is complete, else returns null and leaves {@code in} untouched.
     *
     * @throws ProtocolNegotiationException on a length out of bounds or a missing newline
     */
    public static String readMessage(ByteBuf in) {
        int start = in.readerIndex();
        long length = 0;
        int shift = 0;
        int pos = start;
        while (true) {
            if (pos >= in.writerIndex()) {
                return null;
            }
            int b = in.getUnsignedByte(pos++);
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new ProtocolNegotiationException("multistream length varint is too long");
            }
        }
        if (length < 1 || length > MAX_MESSAGE_LENGTH) {
            throw new ProtocolNegotiationException("multistream message length " + length + " is out of range 1.." + MAX_MESSAGE_LENGTH);
        }
        if (in.writerIndex() - pos < length) {
            return null;
        }
        int end = pos + (int) length - 1;
        if (in.getByte(end) != '\n') {
            throw new ProtocolNegotiationException("multistream message does not end with a newline");
        }
        String text = in.toString(pos, end - pos, StandardCharsets.UTF_8);
        in.readerIndex(end + 1);
        return text;
    }

    public static void writeVarint(ByteBuf out, int value) {
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.writeByte((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    /** Printable form of an untrusted protocol id for error messages: bounded and without control characters. */
    public static String describe(String untrusted) {
        StringBuilder sb = new StringBuilder();
        int limit = Math.min(untrusted.length(), 100);
        for (int i = 0; i < limit; i++) {
            char c = untrusted.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (untrusted.length() > limit) {
            sb.append("...");
        }
        return '"' + sb.toString() + '"';
    }
}
