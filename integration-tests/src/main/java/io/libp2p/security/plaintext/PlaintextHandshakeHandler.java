package io.libp2p.security.plaintext;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import crypto.pb.Crypto;
import io.libp2p.core.BadPeerException;
import io.libp2p.core.ConnectionClosedException;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.crypto.PubKey;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.etc.AttributesKt;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import plaintext.pb.Plaintext;

/** Runs the /plaintext/2.0.0 Exchange and removes itself, passing later bytes on unchanged. */
final class PlaintextHandshakeHandler extends ByteToMessageDecoder {
    /** An Exchange carries a peer id and a small public key; anything larger is an attack or a bug. */
    private static final int MAX_EXCHANGE = 8192;

    private final PrivKey localKey;
    private final CompletableFuture<SecureChannel.Session> handshake;
    private boolean sent;

    PlaintextHandshakeHandler(PrivKey localKey, CompletableFuture<SecureChannel.Session> handshake) {
        this.localKey = localKey;
        this.handshake = handshake;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            send(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        send(ctx);
        super.channelActive(ctx);
    }

    private void send(ChannelHandlerContext ctx) {
        if (sent) {
            return;
        }
        sent = true;
        PubKey pub = localKey.publicKey();
        byte[] msg = Plaintext.Exchange.newBuilder()
                .setId(ByteString.copyFrom(PeerId.fromPubKey(pub).getBytes()))
                .setPubkey(Crypto.PublicKey.newBuilder().setType(pub.getKeyType()).setData(ByteString.copyFrom(pub.raw())))
                .build().toByteArray();
        ByteBuf out = ctx.alloc().buffer(msg.length + 5);
        int v = msg.length;
        while ((v & ~0x7f) != 0) {
            out.writeByte((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
        out.writeBytes(msg);
        ctx.writeAndFlush(out);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (handshake.isDone()) {
            return;
        }
        in.markReaderIndex();
        int len = 0;
        int shift = 0;
        while (true) {
            if (!in.isReadable()) {
                in.resetReaderIndex();
                return;
            }
            int b = in.readByte();
            len |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 21) {
                fail(ctx, new BadPeerException("plaintext: malformed length prefix"));
                return;
            }
        }
        if (len > MAX_EXCHANGE) {
            fail(ctx, new BadPeerException("plaintext: Exchange of " + len + " bytes exceeds " + MAX_EXCHANGE));
            return;
        }
        if (in.readableBytes() < len) {
            in.resetReaderIndex();
            return;
        }
        byte[] body = new byte[len];
        in.readBytes(body);
        try {
            Plaintext.Exchange ex = Plaintext.Exchange.parseFrom(body);
            if (!ex.hasPubkey() || !ex.hasId()) {
                throw new BadPeerException("plaintext: Exchange lacks id or public key");
            }
            PubKey remoteKey = KeyKt.unmarshalPublicKey(ex.getPubkey().toByteArray());
            PeerId remoteId = PeerId.fromPubKey(remoteKey);
            if (!remoteId.equals(new PeerId(ex.getId().toByteArray()))) {
                throw new BadPeerException("plaintext: peer id does not match the presented public key");
            }
            PeerId expected = ctx.channel().attr(AttributesKt.getREMOTE_PEER_ID()).get();
            if (expected != null && !expected.equals(remoteId)) {
                throw new BadPeerException("plaintext: expected peer " + expected + " but the remote is " + remoteId);
            }
            PeerId localId = PeerId.fromPubKey(localKey.publicKey());
            handshake.complete(new SecureChannel.Session(localId, remoteId, remoteKey, null));
            ctx.pipeline().remove(this);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            fail(ctx, e instanceof BadPeerException ? e : new BadPeerException("plaintext: invalid Exchange: " + e.getMessage(), e));
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable t) {
        handshake.completeExceptionally(t);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshake.completeExceptionally(new ConnectionClosedException("plaintext: connection closed during handshake"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }
}
