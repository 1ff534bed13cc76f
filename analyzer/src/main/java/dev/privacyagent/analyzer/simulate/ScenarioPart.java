package dev.privacyagent.analyzer.simulate;

/** One scenario's contribution: how it shapes our node's identify, and the traffic it adds. */
interface ScenarioPart {
  /** Changes what our node discloses; runs for every part before any traffic is generated. */
  default void configure(SelfProfile self) {}

  /** Adds this scenario's peers and traffic; {@code peers} is the user's --peers. */
  void traffic(SimNetwork net, int peers);
}
