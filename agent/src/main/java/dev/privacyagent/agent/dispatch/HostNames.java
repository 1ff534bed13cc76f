package dev.privacyagent.agent.dispatch;

/**
 * Names the local hosts after the agent's {@code nodeName}: a JVM with one host calls it {@code
 * NAME}; when a second host appears they become {@code NAME-0}, {@code NAME-1}, ... in creation
 * order (the first is renamed by a second {@code HostCreated}). Without a configured name every
 * host stays unnamed and reports use a short form of its peer id.
 */
final class HostNames {
  /** The name a host gets, and the first host's peer id when it has to be renamed now. */
  record Named(String name, String renamedFirst) {}

  private final String base;
  // guarded by this; host creation is rare and the section is a few field writes
  private int count;
  private String firstNode;

  HostNames(String base) {
    this.base = base == null || base.isEmpty() ? null : base;
  }

  synchronized Named next(String node) {
    int index = count++;
    if (base == null) {
      return new Named(null, null);
    }
    if (index == 0) {
      firstNode = node;
      return new Named(base, null);
    }
    return new Named(base + "-" + index, index == 1 ? firstNode : null);
  }

  /** The first host's name once there are several. */
  String firstRenamed() {
    return base + "-0";
  }
}
