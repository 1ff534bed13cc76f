package dev.privacyagent.agent.it;

/** An application with no jvm-libp2p: the agent must stay idle in it. */
public final class TrivialMain {
  private TrivialMain() {}

  public static void main(String[] args) throws Exception {
    long sleep = args.length > 0 ? Long.parseLong(args[0]) : 0;
    System.out.println("trivial main ran");
    if (sleep > 0) {
      Thread.sleep(sleep);
    }
  }
}
