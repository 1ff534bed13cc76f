package io.libp2p.core.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import crypto.pb.Crypto;
import io.libp2p.crypto.keys.Ed25519Kt;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Key generation and the protobuf key envelopes. Secp256k1 support is optional: it is looked up as
 * {@code io.libp2p.crypto.keys.Secp256k1Kt} (generateSecp256k1KeyPair, unmarshalSecp256k1PublicKey,
 * unmarshalSecp256k1PrivateKey) so that this class compiles without it.
 */
public final class KeyKt {
    private static final String SECP = "io.libp2p.crypto.keys.Secp256k1Kt";

    private KeyKt() {
    }

    public static kotlin.Pair<PrivKey, PubKey> generateKeyPair(Crypto.KeyType type) {
        switch (type) {
            case Ed25519:
                return Ed25519Kt.generateEd25519KeyPair();
            case Secp256k1:
                return (kotlin.Pair<PrivKey, PubKey>) castPair(callSecp("generateSecp256k1KeyPair", null));
            default:
                throw new UnsupportedOperationException("Key type not supported by this host: " + type);
        }
    }

    public static byte[] marshalPublicKey(PubKey key) {
        return Crypto.PublicKey.newBuilder().setType(key.getKeyType()).setData(ByteString.copyFrom(key.raw()))
                .build().toByteArray();
    }

    public static byte[] marshalPrivateKey(PrivKey key) {
        return Crypto.PrivateKey.newBuilder().setType(key.getKeyType()).setData(ByteString.copyFrom(key.raw()))
                .build().toByteArray();
    }

    public static PubKey unmarshalPublicKey(byte[] keyBytes) {
        Crypto.PublicKey pb;
        try {
            pb = Crypto.PublicKey.parseFrom(keyBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Malformed public key envelope", e);
        }
        byte[] data = pb.getData().toByteArray();
        switch (pb.getType()) {
            case Ed25519:
                return Ed25519Kt.unmarshalEd25519PublicKey(data);
            case Secp256k1:
                return (PubKey) callSecp("unmarshalSecp256k1PublicKey", data);
            default:
                throw new UnsupportedOperationException("Public key type not supported: " + pb.getType());
        }
    }

    public static PrivKey unmarshalPrivateKey(byte[] keyBytes) {
        Crypto.PrivateKey pb;
        try {
            pb = Crypto.PrivateKey.parseFrom(keyBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Malformed private key envelope", e);
        }
        byte[] data = pb.getData().toByteArray();
        switch (pb.getType()) {
            case Ed25519:
                return Ed25519Kt.unmarshalEd25519PrivateKey(data);
            case Secp256k1:
                return (PrivKey) callSecp("unmarshalSecp256k1PrivateKey", data);
            default:
                throw new UnsupportedOperationException("Private key type not supported: " + pb.getType());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static kotlin.Pair castPair(Object o) {
        return (kotlin.Pair) o;
    }

    private static Object callSecp(String method, byte[] data) {
        try {
            Class<?> c = Class.forName(SECP);
            if (data == null) {
                Method m = c.getMethod(method);
                return m.invoke(null);
            }
            Method m = c.getMethod(method, byte[].class);
            return m.invoke(null, (Object) data);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new UnsupportedOperationException("secp256k1 keys are not available in this host", e);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalArgumentException(t);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
