package io.libp2p.security.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.libp2p.wiretest.Base58;
import io.libp2p.wiretest.EmbeddedPair;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NoiseHandshakeTest {
    private static final Duration T = Duration.ofSeconds(5);
    private final EmbeddedPair pair = new EmbeddedPair();
    private final Ed25519Identity alice = Ed25519Identity.generate();
    private final Ed25519Identity bob = Ed25519Identity.generate();

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void handshakeProvesBothIdentitiesAndCarriesDataBothWays() {
        NoiseHandshakeHandler init = new NoiseHandshakeHandler(true, alice, bob.peerId(), List.of(), T);
        NoiseHandshakeHandler resp = new NoiseHandshakeHandler(false, bob, null, List.of(), T);
        pair.b.pipeline().addLast(resp);
        pair.a.pipeline().addLast(init);
        pair.pump();

        assertThat(init.result().join().remote().peerId()).isEqualTo(bob.peerId());
        assertThat(resp.result().join().remote().peerId()).isEqualTo(alice.peerId());
        assertThat(Base58.encode(alice.peerId())).startsWith("12D3KooW");
        assertThat(pair.a.pipeline().get(NoiseTransportCodec.class)).isNotNull();
        assertThat(pair.a.pipeline().get(NoiseHandshakeHandler.class)).isNull();

        byte[] big = new byte[200_000]; // several Noise messages
        new Random(1).nextBytes(big);
        pair.a.writeAndFlush(Unpooled.wrappedBuffer(big));
        pair.b.writeAndFlush(Unpooled.copiedBuffer(new byte[] {1, 2, 3}));
        pair.pump();
        assertThat(drainInbound(pair.b)).isEqualTo(big);
        assertThat(drainInbound(pair.a)).containsExactly(1, 2, 3);
    }

    @Test
    void ciphertextOnTheWireDoesNotContainThePlaintext() {
        handshake();
        byte[] secret = "a very recognisable secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        pair.a.writeAndFlush(Unpooled.wrappedBuffer(secret));
        ByteBuf wire = pair.a.readOutbound();
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes);
        wire.release();
        assertThat(bytes.length).isEqualTo(2 + secret.length + 16);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("recognisable");
    }

    @Test
    void aRemoteWithAnotherIdentityThanDialledFailsTheHandshake() {
        Ed25519Identity expected = Ed25519Identity.generate();
        NoiseHandshakeHandler init = new NoiseHandshakeHandler(true, alice, expected.peerId(), List.of(), T);
        NoiseHandshakeHandler resp = new NoiseHandshakeHandler(false, bob, null, List.of(), T);
        pair.b.pipeline().addLast(resp);
        pair.a.pipeline().addLast(init);
        pair.pump();

        assertThatThrownBy(() -> init.result().join()).isInstanceOf(CompletionException.class)
            .cause().isInstanceOf(NoisePeerMismatchException.class);
        assertThat(pair.a.isOpen()).isFalse();
        // the initiator refused before sending message 3, so the responder never completes
        assertThat(resp.result()).isNotDone();
    }

    @Test
    void aTamperedHandshakeMessageFailsAuthentication() {
        NoiseHandshakeHandler init = new NoiseHandshakeHandler(true, alice, null, List.of(), T);
        NoiseHandshakeHandler resp = new NoiseHandshakeHandler(false, bob, null, List.of(), T);
        pair.b.pipeline().addLast(resp);
        pair.a.pipeline().addLast(init);
        AtomicInteger n = new AtomicInteger();
        // flip a bit in message 3 (the initiator's encrypted static key)
        pair.pump(buf -> n.incrementAndGet() == 2 ? flip(buf, 10) : buf);

        assertThatThrownBy(() -> resp.result().join()).cause()
            .isInstanceOf(NoiseException.class).hasMessageContaining("failed authentication");
        assertThat(pair.b.isOpen()).isFalse();
    }

    @Test
    void aTamperedTransportMessageClosesTheConnection() {
        handshake();
        List<Throwable> errors = new ArrayList<>();
        pair.b.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
            }
        });
        pair.a.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5}));
        pair.pump(buf -> flip(buf, 4));

        assertThat(errors).singleElement().isInstanceOf(NoiseException.class);
        assertThat(pair.b.isOpen()).isFalse();
        assertThat((Object) pair.b.readInbound()).isNull();
    }

    @Test
    void garbageFailsTheResponderCleanly() {
        NoiseHandshakeHandler resp = new NoiseHandshakeHandler(false, bob, null, List.of(), T);
        pair.b.pipeline().addLast(resp);
        pair.b.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3}));
        assertThatThrownBy(() -> resp.result().join()).cause()
            .isInstanceOf(NoiseException.class).hasMessageContaining("handshake message 1");
        assertThat(pair.b.isOpen()).isFalse();
    }

    @Test
    void aPeerThatStopsMidHandshakeTimesOut() throws Exception {
        NoiseHandshakeHandler init = new NoiseHandshakeHandler(true, alice, null, List.of(), Duration.ofMillis(50));
        pair.a.pipeline().addLast(init);
        Thread.sleep(80);
        pair.a.runScheduledPendingTasks();
        assertThatThrownBy(() -> init.result().join()).cause().hasMessageContaining("timed out");
        assertThat(pair.a.isOpen()).isFalse();
    }

    @Test
    void earlyMuxersTravelInTheExtensions() {
        NoiseHandshakeHandler init = new NoiseHandshakeHandler(true, alice, null, List.of("/yamux/1.0.0"), T);
        NoiseHandshakeHandler resp = new NoiseHandshakeHandler(false, bob, null, List.of("/mplex/6.7.0"), T);
        pair.b.pipeline().addLast(resp);
        pair.a.pipeline().addLast(init);
        pair.pump();
        assertThat(init.result().join().remoteEarlyMuxers()).containsExactly("/mplex/6.7.0");
        assertThat(resp.result().join().remoteEarlyMuxers()).containsExactly("/yamux/1.0.0");
    }

    private void handshake() {
        NoiseHandshakeHandler init = new NoiseHandshakeHandler(true, alice, bob.peerId(), List.of(), T);
        NoiseHandshakeHandler resp = new NoiseHandshakeHandler(false, bob, alice.peerId(), List.of(), T);
        pair.b.pipeline().addLast(resp);
        pair.a.pipeline().addLast(init);
        pair.pump();
        assertThat(init.result()).isCompleted();
        assertThat(resp.result()).isCompleted();
    }

    private static ByteBuf flip(ByteBuf buf, int index) {
        int i = buf.readerIndex() + Math.min(index, buf.readableBytes() - 1);
        buf.setByte(i, buf.getByte(i) ^ 0x01);
        return buf;
    }

    private static byte[] drainInbound(io.netty.channel.embedded.EmbeddedChannel ch) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf m;
        while ((m = ch.readInbound()) != null) {
            all.writeBytes(m);
            m.release();
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }
}
