package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.srp.contract.AudioChunk;
import dev.srp.contract.AudioChunkSerde;
import dev.srp.contract.FrameMessage;
import dev.srp.contract.FrameSerde;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.Topics;
import dev.srp.testsupport.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a read-committed consumer sees on the frame and audio topics, indexed for assertions. */
final class Committed {
    private final List<FrameMessage> frames = new ArrayList<>();
    private final Map<Long, String> keys = new HashMap<>();
    private final List<AudioChunk> audio = new ArrayList<>();
    private FrameMessage endOfStream;
    private AudioChunk endOfAudio;

    /** Reads until both end markers arrived; fails after 30 s without them. */
    static Committed read(String bootstrap, Topics topics, MessageLimits limits) {
        Committed c = poll(bootstrap, topics, limits, Duration.ofSeconds(30), true);
        assertNotNull(c.endOfStream, "end-of-stream marker");
        assertNotNull(c.endOfAudio, "end-of-audio marker");
        return c;
    }

    /** Reads whatever is committed within {@code wait}. */
    static Committed readAvailable(String bootstrap, Topics topics, MessageLimits limits, Duration wait) {
        return poll(bootstrap, topics, limits, wait, false);
    }

    private static Committed poll(String bootstrap, Topics topics, MessageLimits limits, Duration wait,
                                  boolean stopAtEnd) {
        Committed c = new Committed();
        FrameSerde frameSerde = FrameSerde.defaultCodec();
        AudioChunkSerde audioSerde = new AudioChunkSerde();
        TopicReader.committed(bootstrap, limits).readUntil(List.of(topics.framesLr(), topics.audio()), wait,
                () -> stopAtEnd && c.endOfStream != null && c.endOfAudio != null, r -> {
                    if (r.topic().equals(topics.framesLr())) {
                        c.addFrame(r.key(), frameSerde.deserialize(r.topic(), r.value()));
                    } else {
                        c.addAudio(audioSerde.deserialize(r.topic(), r.value()));
                    }
                });
        c.frames.sort(Comparator.comparingLong(FrameMessage::frameIndex));
        c.audio.sort(Comparator.comparingLong(AudioChunk::sequence));
        return c;
    }

    private void addFrame(String key, FrameMessage m) {
        if (m.isEndOfStream()) {
            assertNull(endOfStream, "a second end-of-stream marker");
            endOfStream = m;
        } else if (keys.put(m.frameIndex(), key) != null) {
            fail("frame " + m.frameIndex() + " published twice");
        } else {
            frames.add(m);
        }
    }

    private void addAudio(AudioChunk a) {
        if (a.isEnd()) {
            assertNull(endOfAudio, "a second end-of-audio marker");
            endOfAudio = a;
        } else {
            audio.add(a);
        }
    }

    List<FrameMessage> frames() {
        return frames;
    }

    /** Frame {@code i}, asserting the frames are exactly 0..n-1. */
    FrameMessage frame(int i) {
        FrameMessage m = frames.get(i);
        if (m.frameIndex() != i) {
            fail("frame " + i + " missing (found " + m.frameIndex() + " at its place)");
        }
        return m;
    }

    String keyOf(FrameMessage m) {
        return keys.get(m.frameIndex());
    }

    FrameMessage endOfStream() {
        return endOfStream;
    }

    boolean endOfStreamMissing() {
        return endOfStream == null;
    }

    List<AudioChunk> audio() {
        return audio;
    }

    AudioChunk endOfAudio() {
        return endOfAudio;
    }
}
