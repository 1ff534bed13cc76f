package dev.privacyagent.agent.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.privacyagent.agent.AgentEntry;
import dev.privacyagent.agent.config.AgentConfig;
import dev.privacyagent.agent.config.ConfigException;
import dev.privacyagent.agent.config.ConfigLoader;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code attach <pid | main-class substring> [key=value...]}: loads the agent into a running JVM. */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = {
      "Load the privacy agent into a running JVM of the same user.",
      "Classes already loaded are retransformed; a host created before the attach is found at its"
          + " next call, and its open connections are reported once as already open at attach.",
      "Attaching twice changes nothing.",
      "JDK 21+ prints a warning in the target when an agent is loaded dynamically: start the"
          + " target with -XX:+EnableDynamicAgentLoading to allow it without the warning (a future"
          + " JDK may refuse dynamic agents without that flag).",
      "Exit status: 0 attached, 2 bad usage, 3 the target cannot be attached to or refused the"
          + " agent."
    })
public final class AttachCommand implements Callable<Integer> {
  static final int USAGE = 2;
  /** The target cannot be attached to or refused the agent: the input (pid) is unusable. */
  static final int FAILED = 3;

  @Parameters(index = "0", paramLabel = "TARGET", description = "pid, or a substring of the main class or jar")
  String target;

  @Parameters(index = "1..*", paramLabel = "key=value", description = "agent configuration (see docs/configuration.md)")
  List<String> options = List.of();

  @Override
  public Integer call() {
    String args = String.join(",", options);
    try {
      // the same rules as the agent applies, so a typo fails here and not silently in the target
      AgentConfig cfg = ConfigLoader.load(args, Map.of(), Map.of());
      cfg.warnings().forEach(w -> System.err.println("warning: " + w));
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return USAGE;
    }
    List<LocalJvms.Jvm> all = LocalJvms.list();
    List<LocalJvms.Jvm> matches = LocalJvms.resolve(target, all);
    if (matches.isEmpty()) {
      System.err.println("error: no JVM of this user has a main class or jar containing '" + target
          + "'; run 'list' to see the candidates");
      return USAGE;
    }
    if (matches.size() > 1) {
      System.err.println("error: '" + target + "' matches several JVMs; give a pid:");
      matches.forEach(j -> System.err.println("  " + j.pid() + "  " + j.mainClass()));
      return USAGE;
    }
    LocalJvms.Jvm jvm = matches.get(0);
    String jar;
    try {
      jar = agentJar();
    } catch (IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      return FAILED;
    }
    return attach(jvm, jar, args);
  }

  private static int attach(LocalJvms.Jvm jvm, String jar, String args) {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(jvm.pid());
    } catch (AttachNotSupportedException | IOException e) {
      System.err.println("error: cannot attach to pid " + jvm.pid() + ": " + e.getMessage());
      System.err.println("  The target must be a HotSpot JVM running as the same user as this command"
          + " (root cannot attach to another user's JVM either), started without"
          + " -XX:+DisableAttachMechanism.");
      return FAILED;
    }
    try {
      Properties p = vm.getSystemProperties();
      String version = p.getProperty("java.specification.version", "?");
      if (feature(version) >= 21) {
        System.err.println("note: the target runs Java " + version + ": it prints a warning that an agent"
            + " was loaded dynamically. Start it with -XX:+EnableDynamicAgentLoading to allow this"
            + " without the warning; a future JDK may refuse dynamic agents without that flag.");
      }
      vm.loadAgent(jar, args.isEmpty() ? null : args);
      System.out.println("attached to pid " + jvm.pid()
          + (jvm.mainClass().isEmpty() ? "" : " (" + jvm.mainClass().split(" ", 2)[0] + ")")
          + "; the agent logs to that JVM's stderr");
      return 0;
    } catch (AgentLoadException e) {
      System.err.println("error: the target refused the agent: " + e.getMessage());
      System.err.println("  On JDK 21+ a JVM started with -XX:-EnableDynamicAgentLoading refuses"
          + " dynamic agents; start it with -XX:+EnableDynamicAgentLoading or use -javaagent.");
      return FAILED;
    } catch (AgentInitializationException e) {
      System.err.println("error: the agent failed to start in the target (code " + e.returnValue()
          + "); see that JVM's stderr");
      return FAILED;
    } catch (IOException e) {
      System.err.println("error: attach to pid " + jvm.pid() + " failed: " + e.getMessage());
      return FAILED;
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the agent is loaded or not; detaching the attach channel cannot change that
      }
    }
  }

  static int feature(String specVersion) {
    try {
      String v = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
      return Integer.parseInt(v.split("\\.")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The jar this command runs from: the agent to load. */
  static String agentJar() {
    try {
      File f = new File(AgentEntry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!f.isFile()) {
        throw new IllegalStateException("attach must run from privacy-agent.jar (found " + f + ")");
      }
      return f.getAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate privacy-agent.jar: " + e.getMessage());
    }
  }
}
