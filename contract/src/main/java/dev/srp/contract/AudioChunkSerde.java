package dev.srp.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary serde for {@link AudioChunk}, wire version 1 (big-endian):
 * <pre>
 * magic "SRA" | version u8 = 1 | kind u8 (0 chunk, 1 end) | streamId u16 length + UTF-8
 * sequence i64 | ptsMicros i64 | sampleRate i32 | channels i32 | samples length i32 | samples
 * </pre>
 */
public final class AudioChunkSerde extends WireSerde<AudioChunk> {
    static final byte[] MAGIC = {'S', 'R', 'A'};
    static final int VERSION = 1;

    public AudioChunkSerde() {
        super(MAGIC, "audio");
    }

    @Override
    protected byte[] write(AudioChunk a) {
        byte[] id = a.streamId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = header(2 + id.length + 8 + 8 + 4 + 4 + 4 + a.samples().length, VERSION, a.kind());
        b.putShort((short) id.length).put(id);
        b.putLong(a.sequence()).putLong(a.ptsMicros()).putInt(a.sampleRate()).putInt(a.channels());
        b.putInt(a.samples().length).put(a.samples());
        return b.array();
    }

    @Override
    protected AudioChunk read(ByteBuffer b, int version) {
        if (version != VERSION) {
            throw new MalformedMessageException("unsupported audio message version " + version);
        }
        AudioChunk.Kind kind = readKind(b, AudioChunk.Kind.values());
        byte[] id = new byte[b.getShort() & 0xffff];
        b.get(id);
        long sequence = b.getLong();
        long pts = b.getLong();
        int rate = b.getInt();
        int channels = b.getInt();
        byte[] samples = readTail(b, "audio");
        return new AudioChunk(kind, new String(id, StandardCharsets.UTF_8), sequence, pts, rate, channels, samples);
    }
}
