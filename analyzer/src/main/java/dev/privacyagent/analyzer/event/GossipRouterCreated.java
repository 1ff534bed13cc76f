package dev.privacyagent.analyzer.event;

/**
 * A gossipsub router exists on the node ({@code preexisting}: found at attach). The parameters
 * are the router's own ({@code GossipParams}); each is null when the source could not read it.
 *
 * @param protocolId the newest protocol the router offers, e.g. {@code /meshsub/1.2.0}
 * @param floodPublishMaxMessageSize own messages up to this size are flood-published (0 = never)
 */
public record GossipRouterCreated(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String protocolId,
    Long d,
    Long dLow,
    Long dHigh,
    Long dLazy,
    Long floodPublishMaxMessageSize,
    Long heartbeatMillis,
    boolean preexisting)
    implements GossipEvent {}
