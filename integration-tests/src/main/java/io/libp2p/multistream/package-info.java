/**
 * multistream-select 1.0.0 on Netty: {@link io.libp2p.multistream.MultistreamNegotiator} runs one
 * negotiation (header {@code /multistream/1.0.0}, unsigned-varint length-prefixed, newline-terminated
 * messages, {@code na} for refusals, {@code ls} listing) and leaves the pipeline, handing on any bytes
 * that followed. The host's {@code io.libp2p.core.multistream} types drive it.
 * Checked against js-libp2p 3.3.11 by the interop tests in {@code io.libp2p.interop}.
 */
package io.libp2p.multistream;
