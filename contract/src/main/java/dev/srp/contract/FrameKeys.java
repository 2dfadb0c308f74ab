package dev.srp.contract;

/**
 * Kafka keys for frame messages. The key is stream plus shot: a shot's frames stay on one partition in order
 * (so its masks are computed once, by one worker) while the shots of a long video spread over partitions.
 */
public final class FrameKeys {
    private FrameKeys() {
    }

    public static String shot(String streamId, long shotId) {
        return streamId + "/shot-" + shotId;
    }

    public static String endOfStream(String streamId) {
        return streamId + "/end";
    }
}
