/**
 * libp2p Noise ({@code /noise}): Noise_XX_25519_ChaChaPoly_SHA256 with an empty prologue, messages
 * framed by a 2-byte big-endian length (at most 65535 bytes), and the libp2p handshake payload
 * ({@code NoiseHandshakePayload}: the protobuf-encoded identity key, its signature over
 * {@code "noise-libp2p-static-key:" + static key}, optional extensions with early muxers). All crypto
 * is JDK 17: X25519 (XDH), ChaCha20-Poly1305, SHA-256, HMAC-SHA256 for HKDF, Ed25519.
 *
 * <p>{@link io.libp2p.security.noise.NoiseHandshakeHandler} is the engine; the remote's peer id is
 * derived from the key it proved and must equal the dialled one. {@link
 * io.libp2p.security.noise.NoiseXXSecureChannel} binds it to the host API (and verifies remote keys
 * with the host's key types). Checked against js-libp2p ({@code @chainsafe/libp2p-noise} 17.0.0).
 */
package io.libp2p.security.noise;
