package dev.privacyagent.agent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bridge classes ({@code dev.privacyagent.bootstrap.*}, JDK types only) on the bootstrap
 * class path, where advice inlined into any class loader can link against them. The classes are
 * copied from the agent jar into a small temporary jar, deleted at exit.
 *
 * <p>Must run before anything links {@code PrivacyBridge}: the class is also in the agent jar, and
 * a copy loaded from there would not be the one the advice sees.
 */
public final class BootstrapInjector {
  static final String BRIDGE = "dev.privacyagent.bootstrap.PrivacyBridge";
  private static final String[] CLASSES = {
    "dev/privacyagent/bootstrap/PrivacyBridge.class",
    "dev/privacyagent/bootstrap/PrivacyBridge$Sink.class"
  };

  private BootstrapInjector() {}

  /** The bridge class if it is already on the bootstrap class path (an earlier agent), else null. */
  public static Class<?> existingBridge() {
    try {
      return Class.forName(BRIDGE, false, null);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  public static void inject(Instrumentation inst) throws IOException {
    if (existingBridge() != null) {
      return;
    }
    Path jar = Files.createTempFile("privacy-agent-bootstrap", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os)) {
      for (String name : CLASSES) {
        try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            throw new IOException("agent jar lacks " + name);
          }
          out.putNextEntry(new JarEntry(name));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
  }
}
