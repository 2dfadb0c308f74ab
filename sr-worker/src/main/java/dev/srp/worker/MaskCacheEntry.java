package dev.srp.worker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One shot's cached masks, as kept in the mask store and its changelog.
 *
 * @param streamId       the shot's stream, so the end of a stream can find its shots
 * @param shotId         the shot within the stream, so a later shot can retire the earlier ones
 * @param keyFrameIndex  index of the frame the masks were computed from
 * @param noiseSeed      the shot's eps' seed ({@link ShotNoiseSeed})
 * @param lastUsedMillis wall-clock time a frame of the shot last used the entry (refreshed coarsely)
 * @param maskCount      number of masks, so metrics and logs need not decode them
 * @param masks          the masks in {@code MaskSet.encode()} form
 */
record MaskCacheEntry(String streamId, long shotId, long keyFrameIndex, long noiseSeed, long lastUsedMillis,
                      int maskCount, byte[] masks) {
    private static final byte VERSION = 1;
    /** Version, stream-id length, four longs, mask count, masks length. */
    private static final int HEADER_BYTES = 1 + 4 + 4 * Long.BYTES + 4 + 4;

    MaskCacheEntry withLastUsed(long millis) {
        return new MaskCacheEntry(streamId, shotId, keyFrameIndex, noiseSeed, millis, maskCount, masks);
    }

    /** Bytes one entry occupies in the store's value (the key adds the shot key's UTF-8 length). */
    int storedBytes() {
        return HEADER_BYTES + streamId.getBytes(StandardCharsets.UTF_8).length + masks.length;
    }

    static Serde<MaskCacheEntry> serde() {
        return Serdes.serdeFrom((topic, e) -> e == null ? null : e.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    private byte[] toBytes() {
        byte[] stream = streamId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + stream.length + masks.length);
        b.put(VERSION).putInt(stream.length).put(stream).putLong(shotId).putLong(keyFrameIndex).putLong(noiseSeed)
                .putLong(lastUsedMillis).putInt(maskCount).putInt(masks.length).put(masks);
        return b.array();
    }

    private static MaskCacheEntry fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("mask store holds version " + version + ", this build reads " + VERSION
                    + "; reset the application's state to upgrade");
        }
        byte[] stream = new byte[b.getInt()];
        b.get(stream);
        long shotId = b.getLong();
        long keyFrame = b.getLong();
        long seed = b.getLong();
        long lastUsed = b.getLong();
        int count = b.getInt();
        byte[] masks = new byte[b.getInt()];
        b.get(masks);
        return new MaskCacheEntry(new String(stream, StandardCharsets.UTF_8), shotId, keyFrame, seed, lastUsed, count,
                masks);
    }
}
