package dev.srp.contract;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serde for {@link AudioChunk}, wire version 1 (big-endian):
 * <pre>
 * magic "SRA" | version u8 = 1 | kind u8 (0 chunk, 1 end) | streamId u16 length + UTF-8
 * sequence i64 | ptsMicros i64 | sampleRate i32 | channels i32 | samples length i32 | samples
 * </pre>
 */
public final class AudioChunkSerde implements Serde<AudioChunk>, Serializer<AudioChunk>, Deserializer<AudioChunk> {
    static final byte[] MAGIC = {'S', 'R', 'A'};
    static final int VERSION = 1;

    @Override
    public byte[] serialize(String topic, AudioChunk a) {
        if (a == null) {
            return null;
        }
        byte[] id = a.streamId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(3 + 1 + 1 + 2 + id.length + 8 + 8 + 4 + 4 + 4 + a.samples().length);
        b.put(MAGIC).put((byte) VERSION).put((byte) a.kind().ordinal());
        b.putShort((short) id.length).put(id);
        b.putLong(a.sequence()).putLong(a.ptsMicros()).putInt(a.sampleRate()).putInt(a.channels());
        b.putInt(a.samples().length).put(a.samples());
        return b.array();
    }

    @Override
    public AudioChunk deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            for (byte expected : MAGIC) {
                if (b.get() != expected) {
                    throw new MalformedMessageException("not an srp audio message (bad magic)");
                }
            }
            int version = b.get() & 0xff;
            if (version != VERSION) {
                throw new MalformedMessageException("unsupported audio message version " + version);
            }
            int kindCode = b.get() & 0xff;
            if (kindCode >= AudioChunk.Kind.values().length) {
                throw new MalformedMessageException("unknown audio message kind " + kindCode);
            }
            byte[] id = new byte[b.getShort() & 0xffff];
            b.get(id);
            long sequence = b.getLong();
            long pts = b.getLong();
            int rate = b.getInt();
            int channels = b.getInt();
            int length = b.getInt();
            if (length < 0 || length != b.remaining()) {
                throw new MalformedMessageException("audio length " + length + " but " + b.remaining() + " bytes follow");
            }
            byte[] samples = new byte[length];
            b.get(samples);
            return new AudioChunk(AudioChunk.Kind.values()[kindCode], new String(id, StandardCharsets.UTF_8),
                    sequence, pts, rate, channels, samples);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("audio message truncated (" + data.length + " bytes)", e);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("audio message invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<AudioChunk> serializer() {
        return this;
    }

    @Override
    public Deserializer<AudioChunk> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // configured by its constructor
    }

    @Override
    public void close() {
        // stateless
    }
}
