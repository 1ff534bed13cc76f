package dev.privacyagent.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The live page: one HTML file with its CSS and JavaScript inlined, assembled once at start-up.
 * The CSP allows exactly these two inline blocks by their SHA-256 hashes, so no injected markup
 * could run script or style even if escaping ever failed.
 */
public final class PageAssets {
  private static final String BASE = "/dev/privacyagent/server/page/";
  private final byte[] html;
  private final String csp;

  private PageAssets(byte[] html, String csp) {
    this.html = html;
    this.csp = csp;
  }

  public static PageAssets load() {
    String template = resource("page.html");
    String css = resource("page.css");
    String js = resource("page.js");
    String page = template.replace("/*STYLE*/", css).replace("/*SCRIPT*/", js);
    String csp = "default-src 'none'; script-src '" + sha256(js) + "'; style-src '"
        + sha256(css) + "'; connect-src 'self'; img-src data:; base-uri 'none'; "
        + "form-action 'none'; frame-ancestors 'none'";
    return new PageAssets(page.getBytes(StandardCharsets.UTF_8), csp);
  }

  byte[] html() {
    return html;
  }

  public String csp() {
    return csp;
  }

  private static String resource(String name) {
    try (InputStream in = PageAssets.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing page resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
