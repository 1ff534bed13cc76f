package dev.privacyagent.agent.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.List;

/** The JVMs of this user on this machine that the JDK's attach API can see, this one excluded. */
public final class LocalJvms {
  /** @param mainClass main class or jar with its arguments, as the JVM reports it (may be empty) */
  public record Jvm(String pid, String mainClass) {}

  private LocalJvms() {}

  public static List<Jvm> list() {
    String self = Long.toString(ProcessHandle.current().pid());
    List<Jvm> out = new ArrayList<>();
    for (VirtualMachineDescriptor d : VirtualMachine.list()) {
      if (!d.id().equals(self)) {
        out.add(new Jvm(d.id(), d.displayName() == null ? "" : d.displayName()));
      }
    }
    return out;
  }

  /**
   * A pid (all digits) as is, else the JVMs whose main class or jar contains {@code target}.
   */
  public static List<Jvm> resolve(String target, List<Jvm> jvms) {
    if (target.chars().allMatch(Character::isDigit)) {
      for (Jvm j : jvms) {
        if (j.pid().equals(target)) {
          return List.of(j);
        }
      }
      return List.of(new Jvm(target, ""));
    }
    List<Jvm> out = new ArrayList<>();
    for (Jvm j : jvms) {
      String main = j.mainClass().split(" ", 2)[0];
      if (main.contains(target)) {
        out.add(j);
      }
    }
    return out;
  }
}
