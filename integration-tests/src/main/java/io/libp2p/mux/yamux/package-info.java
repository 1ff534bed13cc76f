/**
 * yamux ({@code /yamux/1.0.0}): 12-byte frame headers (version 0; data, window update, ping, go away;
 * SYN/ACK/FIN/RST), odd stream ids for the connection's initiator and even for the responder, a
 * 256 KiB initial window per direction that the sender never exceeds (writes wait in the stream's
 * outbound buffer until a window update) and that the receiver re-opens as the application consumes
 * data. Each stream is a Netty child channel ({@link io.libp2p.mux.yamux.YamuxStreamChannel}):
 * {@code disconnect()} half-closes with FIN, {@code close()} before both sides finished resets with
 * RST, and a remote FIN arrives as {@code ChannelInputShutdownEvent}. {@link
 * io.libp2p.mux.yamux.YamuxStreamMuxer} binds it to the host API.
 * Checked against js-libp2p ({@code @chainsafe/libp2p-yamux} 8.0.1).
 */
package io.libp2p.mux.yamux;
