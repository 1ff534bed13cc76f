package dev.privacyagent.analyzer.report;

/**
 * Sizes of what was analysed.
 *
 * @param eventsAccepted events the collector took in
 * @param eventsInRing raw events available for timing analysis
 * @param connections connections known (open and closed)
 * @param openConnections connections still open at snapshot time
 * @param peers distinct remote peers
 * @param streams streams over all peers
 * @param prefixes distinct network prefixes (/24, /48)
 * @param protocols distinct negotiated protocol ids
 */
public record Totals(
    long eventsAccepted,
    long eventsInRing,
    long connections,
    long openConnections,
    long peers,
    long streams,
    long prefixes,
    long protocols) {}
