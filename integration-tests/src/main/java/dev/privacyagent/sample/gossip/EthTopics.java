package dev.privacyagent.sample.gossip;

/** Ethereum consensus gossip topic names for one fork digest (consensus-specs p2p-interface). */
public record EthTopics(String forkDigest) {
    public static final int ATTESTATION_SUBNETS = 64;

    public String block() {
        return "/eth2/" + forkDigest + "/beacon_block/ssz_snappy";
    }

    public String aggregate() {
        return "/eth2/" + forkDigest + "/beacon_aggregate_and_proof/ssz_snappy";
    }

    public String attestation(int subnet) {
        return "/eth2/" + forkDigest + "/beacon_attestation_" + subnet + "/ssz_snappy";
    }

    /** Teku's topic filter: only this fork's topics are relevant. */
    public boolean isRelevant(String topic) {
        return topic.startsWith("/eth2/" + forkDigest + "/");
    }
}
