package dev.srp.worker;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * An LR record waiting for its batch, as kept in the changelogged store: the original key and value bytes (the
 * compact wire form, so the changelog stays small), the record timestamp to give its HR frame, and when it
 * arrived, for the latency metric.
 */
record PendingFrame(byte[] key, byte[] value, long timestamp, long receivedMillis) {
    private static final byte VERSION = 1;

    static Serde<PendingFrame> serde() {
        return Serdes.serdeFrom((topic, p) -> p == null ? null : p.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    private byte[] toBytes() {
        int keyLength = key == null ? -1 : key.length;
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 4 + Math.max(0, keyLength) + 4 + value.length);
        b.put(VERSION).putLong(timestamp).putLong(receivedMillis).putInt(keyLength);
        if (key != null) {
            b.put(key);
        }
        b.putInt(value.length).put(value);
        return b.array();
    }

    private static PendingFrame fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("pending-frame store holds version " + version + ", this build reads "
                    + VERSION + "; reset the application's state to upgrade");
        }
        long timestamp = b.getLong();
        long received = b.getLong();
        int keyLength = b.getInt();
        byte[] key = null;
        if (keyLength >= 0) {
            key = new byte[keyLength];
            b.get(key);
        }
        byte[] value = new byte[b.getInt()];
        b.get(value);
        return new PendingFrame(key, value, timestamp, received);
    }
}
