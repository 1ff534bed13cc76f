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
  static final String[] CLASSES = {
    "dev/privacyagent/bootstrap/PrivacyBridge.class",
    "dev/privacyagent/bootstrap/PrivacyBridge$Sink.class",
    "dev/privacyagent/bootstrap/GossipBridge.class",
    "dev/privacyagent/bootstrap/GossipBridge$Sink.class",
    "dev/privacyagent/bootstrap/GossipBridge$Listener.class",
    "dev/privacyagent/bootstrap/GossipBridge$Reads.class",
    "dev/privacyagent/bootstrap/GossipBridge$Publishing.class"
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
    if (defineDirectly(inst)) {
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

  /**
   * Defines the bridge classes in the bootstrap loader through the JDK's own class-definition
   * entry point (the one {@code java.lang.reflect.Proxy} uses), opened to the agent alone with
   * {@link Instrumentation#redefineModule}. Unlike appending to the bootstrap class path, this
   * keeps class-data sharing fully on and the JVM silent. False when this JDK does not offer it.
   */
  private static boolean defineDirectly(Instrumentation inst) {
    try {
      Module base = Object.class.getModule();
      Module me = BootstrapInjector.class.getModule();
      inst.redefineModule(
          base,
          java.util.Set.of(),
          java.util.Map.of("jdk.internal.access", java.util.Set.of(me)),
          java.util.Map.of(),
          java.util.Set.of(),
          java.util.Map.of());
      Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets");
      Object jla = secrets.getMethod("getJavaLangAccess").invoke(null);
      java.lang.reflect.Method define =
          Class.forName("jdk.internal.access.JavaLangAccess")
              .getMethod(
                  "defineClass",
                  ClassLoader.class,
                  String.class,
                  byte[].class,
                  java.security.ProtectionDomain.class,
                  String.class);
      // the nested interface first: the bridge's field refers to it
      for (int i = CLASSES.length - 1; i >= 0; i--) {
        String res = CLASSES[i];
        byte[] bytes;
        try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(res)) {
          if (in == null) {
            return false;
          }
          bytes = in.readAllBytes();
        }
        String name = res.substring(0, res.length() - ".class".length()).replace('/', '.');
        define.invoke(jla, null, name, bytes, null, "privacy-agent");
      }
      return existingBridge() != null;
    } catch (Throwable t) {
      return existingBridge() != null;
    }
  }
}
