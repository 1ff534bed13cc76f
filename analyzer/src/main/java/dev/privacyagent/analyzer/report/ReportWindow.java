package dev.privacyagent.analyzer.report;

/**
 * The span of wall-clock time the report covers (epoch ms; both 0 when there were no events).
 *
 * @param windowMillis the configured analysis window ending at {@code toWallMillis}; 0 for the
 *     whole run
 */
public record ReportWindow(long fromWallMillis, long toWallMillis, long durationMillis, long windowMillis) {}
