package dev.privacyagent.agent.attach;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code list}: local JVMs the agent can attach to. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the JVMs of the current user on this machine: pid and main class or jar.",
      "Only JVMs running as the same user are visible and attachable."
    })
public final class ListCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    List<LocalJvms.Jvm> jvms = LocalJvms.list();
    if (jvms.isEmpty()) {
      System.out.println("no other JVMs of this user found");
      return 0;
    }
    System.out.printf("%-10s %s%n", "PID", "MAIN CLASS / JAR");
    for (LocalJvms.Jvm j : jvms) {
      System.out.printf("%-10s %s%n", j.pid(), j.mainClass().isEmpty() ? "(unknown)" : j.mainClass());
    }
    return 0;
  }
}
