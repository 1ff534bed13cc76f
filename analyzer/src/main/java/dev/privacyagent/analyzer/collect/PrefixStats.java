package dev.privacyagent.analyzer.collect;

/** One network prefix (/24 IPv4, /48 IPv6): how many distinct peers and streams came from it. */
public record PrefixStats(String prefix, long peers, long streams) {}
