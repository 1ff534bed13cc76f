package dev.privacyagent.agent.instrument.fast;

import java.io.IOException;
import java.io.InputStream;

/** Reads class files as resources: never loads or initialises the class. */
public final class ClassFiles {
  private ClassFiles() {}

  /**
   * @param internalName {@code io/libp2p/core/Host}
   * @return the class file's bytes, or null when {@code loader} has none
   */
  public static byte[] read(ClassLoader loader, String internalName) {
    String res = internalName + ".class";
    try (InputStream in =
        loader == null ? ClassLoader.getPlatformClassLoader().getResourceAsStream(res) : loader.getResourceAsStream(res)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
