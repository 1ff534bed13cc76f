package io.libp2p.pubsub;

import com.google.protobuf.ByteString;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.crypto.PubKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import pubsub.pb.Rpc;

/** Message signing of the pubsub spec: signature over "libp2p-pubsub:" ++ the message without signature and key. */
public final class PubsubCrypto {
    private static final byte[] PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);

    private PubsubCrypto() {
    }

    public static Rpc.Message sign(Rpc.Message msg, PrivKey key) {
        byte[] signature = key.sign(signedBytes(msg));
        return msg.toBuilder()
                .setSignature(ByteString.copyFrom(signature))
                .setKey(ByteString.copyFrom(KeyKt.marshalPublicKey(key.publicKey())))
                .build();
    }

    /** True when from, key and signature are present, from is the key's peer id and the signature holds. */
    public static boolean verify(Rpc.Message msg) {
        if (!msg.hasFrom() || !msg.hasKey() || !msg.hasSignature()) {
            return false;
        }
        try {
            PubKey pub = KeyKt.unmarshalPublicKey(msg.getKey().toByteArray());
            if (!Arrays.equals(PeerId.fromPubKey(pub).getBytes(), msg.getFrom().toByteArray())) {
                return false;
            }
            Rpc.Message unsigned = msg.toBuilder().clearSignature().clearKey().build();
            return pub.verify(signedBytes(unsigned), msg.getSignature().toByteArray());
        } catch (RuntimeException e) {
            return false; // malformed key from an untrusted peer: the message is simply invalid
        }
    }

    private static byte[] signedBytes(Rpc.Message unsigned) {
        byte[] body = unsigned.toByteArray();
        byte[] out = Arrays.copyOf(PREFIX, PREFIX.length + body.length);
        System.arraycopy(body, 0, out, PREFIX.length, body.length);
        return out;
    }
}
