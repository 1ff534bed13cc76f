package dev.privacyagent.analyzer.report.gossip;

/**
 * Duty exposure in one time bucket: own publishes, those on topics we were not subscribed to,
 * and the link probability 1 - (1 - f)^k of the most widely delivered of them.
 */
public record ExposurePoint(long startWall, long ownPublished, long ownUnsubscribed, double linkProbability) {}
