package dev.privacyagent.sample.gossip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic validator duties (a stand-in for Ethereum's committee shuffling): per epoch each
 * validator attests once, at one slot of the epoch, on one of the 64 subnets, and one in
 * {@link #AGGREGATOR_ONE_IN} is also its committee's aggregator.
 */
public final class Duties {
    public static final int SLOTS_PER_EPOCH = 32;
    public static final int AGGREGATOR_ONE_IN = 8;

    /** One validator's duty in one epoch; {@code slot} is the global slot number. */
    public record Duty(int validator, long epoch, long slot, int subnet, boolean aggregator) {
    }

    private Duties() {
    }

    public static Duty of(int validator, long epoch) {
        byte[] h = hash("duty", validator, epoch);
        ByteBuffer b = ByteBuffer.wrap(h);
        int slotInEpoch = Math.floorMod(b.getInt(0), SLOTS_PER_EPOCH);
        int subnet = Math.floorMod(b.getInt(4), EthTopics.ATTESTATION_SUBNETS);
        boolean aggregator = Math.floorMod(b.getInt(8), AGGREGATOR_ONE_IN) == 0;
        return new Duty(validator, epoch, epoch * SLOTS_PER_EPOCH + slotInEpoch, subnet, aggregator);
    }

    /** The block proposer of {@code slot} among {@code validators} validators. */
    public static int proposer(long slot, int validators) {
        return Math.floorMod(ByteBuffer.wrap(hash("proposer", 0, slot)).getInt(0), validators);
    }

    /** Two distinct long-lived backbone subnets derived from a node id. */
    public static int[] backbone(byte[] nodeId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(nodeId);
            int a = Math.floorMod(ByteBuffer.wrap(h).getInt(0), EthTopics.ATTESTATION_SUBNETS);
            int b = Math.floorMod(ByteBuffer.wrap(h).getInt(4), EthTopics.ATTESTATION_SUBNETS - 1);
            return new int[] {a, b >= a ? b + 1 : b};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hash(String what, int validator, long epoch) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(what.getBytes(StandardCharsets.US_ASCII));
            sha.update(ByteBuffer.allocate(12).putInt(validator).putLong(epoch).array());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
