package io.libp2p.security.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.libp2p.security.noise.pb.NoisePayload.NoiseExtensions;
import io.libp2p.security.noise.pb.NoisePayload.NoiseHandshakePayload;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;

/**
 * The Noise XX handshake (Noise_XX_25519_ChaChaPoly_SHA256, empty prologue) with the libp2p
 * payload: each side's identity key and its signature over
 * {@code "noise-libp2p-static-key:" + static public key}. The responder sends its identity in
 * message 2, the initiator in message 3.
 *
 * <pre>
 *   -> e
 *   <- e, ee, s, es
 *   -> s, se
 * </pre>
 */
final class NoiseXXHandshake {
    static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
    static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);
    private static final int ENCRYPTED_KEY_LENGTH = X25519.KEY_LENGTH + NoiseCipherState.TAG_LENGTH;

    private final boolean initiator;
    private final NoiseIdentity identity;
    private final List<String> announcedMuxers;
    private final RemoteKeyVerifier verifier;
    private final KeyPair s = X25519.generate();
    private final NoiseSymmetricState state = new NoiseSymmetricState(PROTOCOL_NAME);
    private KeyPair e;
    private byte[] re;
    private byte[] rs;
    private int messages;
    private RemoteIdentity remote;
    private List<String> remoteMuxers = List.of();

    NoiseXXHandshake(boolean initiator, NoiseIdentity identity, List<String> announcedMuxers, RemoteKeyVerifier verifier) {
        this.initiator = initiator;
        this.verifier = verifier;
        this.identity = identity;
        this.announcedMuxers = List.copyOf(announcedMuxers);
        state.mixHash(new byte[0]); // the empty prologue
    }

    /** Whether the next message is ours to write. */
    boolean isMyTurn() {
        return !isComplete() && (messages % 2 == 0) == initiator;
    }

    boolean isComplete() {
        return messages == 3;
    }

    byte[] writeMessage() {
        if (!isMyTurn()) {
            throw new IllegalStateException("not our turn in the handshake");
        }
        byte[] out = switch (messages) {
            case 0 -> writeFirst();
            case 1 -> writeSecond();
            default -> writeThird();
        };
        messages++;
        return out;
    }

    void readMessage(byte[] msg) {
        if (isMyTurn() || isComplete()) {
            throw new NoiseException("unexpected handshake message " + (messages + 1));
        }
        switch (messages) {
            case 0 -> readFirst(msg);
            case 1 -> readSecond(msg);
            default -> readThird(msg);
        }
        messages++;
    }

    private byte[] writeFirst() {
        e = X25519.generate();
        byte[] epub = X25519.publicKeyBytes(e);
        state.mixHash(epub);
        return concat(epub, state.encryptAndHash(new byte[0]));
    }

    private void readFirst(byte[] msg) {
        requireLength(msg, X25519.KEY_LENGTH, 1);
        re = Arrays.copyOf(msg, X25519.KEY_LENGTH);
        state.mixHash(re);
        state.decryptAndHash(Arrays.copyOfRange(msg, X25519.KEY_LENGTH, msg.length));
    }

    private byte[] writeSecond() {
        e = X25519.generate();
        byte[] epub = X25519.publicKeyBytes(e);
        state.mixHash(epub);
        state.mixKey(X25519.dh(e.getPrivate(), re));
        byte[] encS = state.encryptAndHash(X25519.publicKeyBytes(s));
        state.mixKey(X25519.dh(s.getPrivate(), re));
        byte[] payload = state.encryptAndHash(localPayload());
        return concat(epub, encS, payload);
    }

    private void readSecond(byte[] msg) {
        requireLength(msg, X25519.KEY_LENGTH + ENCRYPTED_KEY_LENGTH + NoiseCipherState.TAG_LENGTH, 2);
        re = Arrays.copyOf(msg, X25519.KEY_LENGTH);
        state.mixHash(re);
        state.mixKey(X25519.dh(e.getPrivate(), re));
        rs = state.decryptAndHash(Arrays.copyOfRange(msg, X25519.KEY_LENGTH, X25519.KEY_LENGTH + ENCRYPTED_KEY_LENGTH));
        state.mixKey(X25519.dh(e.getPrivate(), rs));
        readPayload(state.decryptAndHash(Arrays.copyOfRange(msg, X25519.KEY_LENGTH + ENCRYPTED_KEY_LENGTH, msg.length)));
    }

    private byte[] writeThird() {
        byte[] encS = state.encryptAndHash(X25519.publicKeyBytes(s));
        state.mixKey(X25519.dh(s.getPrivate(), re));
        return concat(encS, state.encryptAndHash(localPayload()));
    }

    private void readThird(byte[] msg) {
        requireLength(msg, ENCRYPTED_KEY_LENGTH + NoiseCipherState.TAG_LENGTH, 3);
        rs = state.decryptAndHash(Arrays.copyOf(msg, ENCRYPTED_KEY_LENGTH));
        state.mixKey(X25519.dh(e.getPrivate(), rs));
        readPayload(state.decryptAndHash(Arrays.copyOfRange(msg, ENCRYPTED_KEY_LENGTH, msg.length)));
    }

    private byte[] localPayload() {
        NoiseHandshakePayload.Builder b = NoiseHandshakePayload.newBuilder()
            .setIdentityKey(ByteString.copyFrom(identity.publicKeyProtobuf()))
            .setIdentitySig(ByteString.copyFrom(identity.sign(concat(SIGNATURE_PREFIX, X25519.publicKeyBytes(s)))));
        if (!announcedMuxers.isEmpty()) {
            b.setExtensions(NoiseExtensions.newBuilder().addAllStreamMuxers(announcedMuxers));
        }
        return b.build().toByteArray();
    }

    private void readPayload(byte[] bytes) {
        NoiseHandshakePayload payload;
        try {
            payload = NoiseHandshakePayload.parseFrom(bytes);
        } catch (InvalidProtocolBufferException ex) {
            throw new NoiseException("handshake payload is not a valid NoiseHandshakePayload", ex);
        }
        if (!payload.hasIdentityKey() || !payload.hasIdentitySig()) {
            throw new NoiseException("handshake payload lacks the identity key or its signature");
        }
        remote = verifier.verify(payload.getIdentityKey().toByteArray(), concat(SIGNATURE_PREFIX, rs),
            payload.getIdentitySig().toByteArray());
        if (payload.hasExtensions()) {
            remoteMuxers = List.copyOf(payload.getExtensions().getStreamMuxersList());
        }
    }

    RemoteIdentity remote() {
        return remote;
    }

    List<String> remoteMuxers() {
        return remoteMuxers;
    }

    /** The (send, receive) cipher states of this side once the handshake is complete. */
    NoiseCipherState[] transportCiphers() {
        if (!isComplete()) {
            throw new IllegalStateException("handshake not complete");
        }
        NoiseCipherState[] split = state.split();
        return initiator ? split : new NoiseCipherState[] {split[1], split[0]};
    }

    private static void requireLength(byte[] msg, int min, int number) {
        if (msg.length < min) {
            throw new NoiseException("handshake message " + number + " has " + msg.length + " bytes, at least " + min + " expected");
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
