package io.libp2p.security.tls;

import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.PubKey;

/**
 * The remote identity a libp2p TLS certificate proved: its host public key and the peer id derived from it.
 *
 * @param publicKey the remote host key (from the libp2p extension, its signature checked)
 * @param peerId    {@code PeerId.fromPubKey(publicKey)}
 */
public record VerifiedPeer(PubKey publicKey, PeerId peerId) {
}
