package dev.privacyagent.server;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * How the report server listens and whom it lets in.
 *
 * @param bindAddress a literal IP address or {@code localhost}; default {@code 127.0.0.1}
 * @param port TCP port, 0 for an ephemeral one; default 7878
 * @param token when non-null every request must carry it; required for a non-loopback bind
 * @param allowedHosts extra Host header values (e.g. {@code myhost.lan:7878}) besides the
 *     loopback names that are always allowed
 * @param maxConnections open connections beyond this get {@code 503}
 * @param maxRequestBytes largest accepted request body; larger gets {@code 413}
 */
public record ServerConfig(
    String bindAddress,
    int port,
    String token,
    List<String> allowedHosts,
    int maxConnections,
    int maxRequestBytes) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 7878;
  public static final int DEFAULT_MAX_CONNECTIONS = 64;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024;
  /** Short tokens can be guessed over a network; the bound is documented in docs/security.md. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public ServerConfig {
    bindAddress = bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND : bindAddress.trim();
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    if (token != null) {
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "token must be at least " + MIN_TOKEN_LENGTH + " characters long");
      }
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        if (c <= ' ' || c > '~' || c == ';' || c == ',' || c == '"' || c == '\\') {
          throw new IllegalArgumentException(
              "token may only contain printable ASCII without spaces, quotes, ';', ',' or '\\'");
        }
      }
    }
    allowedHosts =
        allowedHosts == null
            ? List.of()
            : allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1");
    }
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("maxRequestBytes must be >= 1024");
    }
  }

  /** Loopback on the default port, no token. */
  public static ServerConfig defaults() {
    return of(DEFAULT_BIND, DEFAULT_PORT, null);
  }

  public static ServerConfig of(String bind, int port, String token) {
    return new ServerConfig(
        bind, port, token, List.of(), DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_REQUEST_BYTES);
  }

  public ServerConfig withAllowedHosts(List<String> hosts) {
    return new ServerConfig(bindAddress, port, token, hosts, maxConnections, maxRequestBytes);
  }

  public ServerConfig withMaxConnections(int max) {
    return new ServerConfig(bindAddress, port, token, allowedHosts, max, maxRequestBytes);
  }

  /**
   * Parses the bind address without any name resolution ({@link BindAddress}) and applies the bind
   * policy: a non-loopback address needs a token.
   */
  public InetAddress resolveBindAddress() {
    InetAddress address = BindAddress.parse(bindAddress);
    if (!address.isLoopbackAddress() && token == null) {
      throw new IllegalArgumentException(
          "refusing to bind non-loopback address "
              + address.getHostAddress()
              + " without a token (set --token)");
    }
    return address;
  }

  public boolean hasToken() {
    return token != null;
  }

  @Override
  public String toString() {
    // Never print the token itself.
    return "ServerConfig[bind=" + bindAddress + ", port=" + port + ", token="
        + (token == null ? "none" : "set") + ", allowedHosts=" + allowedHosts
        + ", maxConnections=" + maxConnections + ", maxRequestBytes=" + maxRequestBytes + "]";
  }
}
