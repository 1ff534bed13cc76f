package io.libp2p.hosttest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Byte-level helpers for misbehaving peers written with plain sockets. */
final class RawPeer {
    private RawPeer() {
    }

    /** A multistream-select message: uvarint length, text, newline. */
    static byte[] msMessage(String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int v = body.length;
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Reads until EOF; returns the milliseconds it took, or -1 if the socket stayed open for timeoutMs. */
    static long millisUntilClosed(Socket s, int timeoutMs) throws IOException {
        long start = System.nanoTime();
        s.setSoTimeout(timeoutMs);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (java.net.SocketException reset) {
                    n = -1;
                }
                if (n < 0) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            }
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }
}
