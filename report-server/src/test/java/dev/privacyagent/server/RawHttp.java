package dev.privacyagent.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a raw socket, for requests the JDK client refuses to send
 * (wrong Host, broken syntax, huge headers) and for keep-alive load generation.
 */
final class RawHttp implements AutoCloseable {
  /** A parsed response. Header names are lower case. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    in = new java.io.BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends one raw request and reads one response. */
  static Response exchange(int port, String raw) throws IOException {
    try (RawHttp c = new RawHttp(port)) {
      c.send(raw);
      return c.read();
    }
  }

  static String get(int port, String path, String... extraHeaders) {
    StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\n");
    for (String h : extraHeaders) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  void send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void send(byte[] raw) throws IOException {
    out.write(raw);
    out.flush();
  }

  Response read() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String l;
    while ((l = line()) != null && !l.isEmpty()) {
      int i = l.indexOf(':');
      headers.merge(l.substring(0, i).trim().toLowerCase(Locale.ROOT), l.substring(i + 1).trim(),
          (a, b) -> a + "\n" + b);
    }
    String len = headers.get("content-length");
    byte[] body;
    if (len != null) {
      body = in.readNBytes(Integer.parseInt(len));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = new byte[0]; // streaming: the caller reads chunks itself
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Reads one chunk of a chunked body. */
  String chunk() throws IOException {
    String size = line();
    if (size == null) {
      return null;
    }
    int n = Integer.parseInt(size.trim(), 16);
    byte[] data = in.readNBytes(n);
    line();
    return new String(data, StandardCharsets.UTF_8);
  }

  String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] a = b.toByteArray();
        int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
        return new String(a, 0, n, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  boolean closedByPeer() {
    try {
      return in.read() == -1;
    } catch (IOException e) {
      return true;
    }
  }

  void soTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
