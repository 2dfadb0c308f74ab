package dev.srp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.KafkaConnection;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.PayloadCodec;
import dev.srp.worker.masks.MaskSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-shot mask cache on Kafka Streams' test driver (one task, RocksDB store) with the real interim model
 * through DJL; a test stand-in segmenter ({@link GridTestMaskGenerator}) counts the segmentations.
 */
class MaskCacheTopologyIT {
    @RegisterExtension
    static final LoadedModel MODEL = LoadedModel.of(TestFrames.MODEL_X4);

    @TempDir
    Path stateDir;
    private TopologyHarness t;
    private final AtomicInteger segmentations = new AtomicInteger();
    private RecordingUpscaler recorder;

    private void start(MaskSettings masks) {
        WorkerConfig config = TopologyHarness.config("srp-worker-mask-test", TestFrames.MODEL_X4, stateDir)
                .withMasks(masks);
        recorder = new RecordingUpscaler(MODEL.get());
        t = new TopologyHarness(config, metrics -> SrTopology.build(config, () -> recorder,
                () -> new GridTestMaskGenerator(segmentations), metrics));
    }

    private void start(MaskMode mode) {
        start(MaskSettings.withMode(mode));
    }

    @AfterEach
    void closeDriver() {
        if (t != null) {
            t.close();
        }
    }

    private KeyValueStore<String, MaskCacheEntry> store() {
        return t.driver.getKeyValueStore(MaskStore.NAME);
    }

    private double metric(String name) {
        Double v = t.registry.getSampleValue(name);
        return v == null ? 0 : v;
    }

    private double evictions(String reason) {
        Double v = t.registry.getSampleValue("srp_worker_mask_cache_evictions_total", new String[] {"reason"},
                new String[] {reason});
        return v == null ? 0 : v;
    }

    @Test
    void threeShotsOfTenFramesAreSegmentedThreeTimesAndShareMasksAndSeedPerShot() {
        start(MaskMode.ALWAYS);
        List<FrameMessage> frames = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            frames.add(TestFrames.frame("clip", i / 10, i));
            t.send(frames.get(i));
        }
        t.send(FrameMessage.endOfStream("clip", 30, 1_200_000, TestFrames.RATE));

        assertEquals(3, segmentations.get());
        assertEquals(3.0, metric("srp_worker_mask_computations_total"));
        assertEquals(3.0, metric("srp_worker_mask_cache_misses_total"));
        assertEquals(27.0, metric("srp_worker_mask_cache_hits_total"));
        assertEquals(3.0, metric("srp_worker_mask_compute_seconds_count"));
        assertEquals(3 * 8.0, metric("srp_worker_masks_per_shot_sum"), "8 masks per shot");
        assertEquals(30.0, metric("srp_worker_frames_out_total"));

        List<UpscaleInput> seen = recorder.seen();
        assertEquals(30, seen.size());
        GridTestMaskGenerator reference = new GridTestMaskGenerator(new AtomicInteger());
        for (int i = 0; i < 30; i++) {
            int shot = i / 10;
            UpscaleInput in = seen.get(i);
            assertTrue(in.hasMasks(), "frame " + i);
            assertEquals(ShotNoiseSeed.of("clip", shot), in.noiseSeed(), "frame " + i + " seed");
            FrameMessage key = frames.get(shot * 10);
            assertEquals(reference.generate(key.pixels(), key.width(), key.height()), in.masks(),
                    "frame " + i + " carries the masks of its shot's first frame");
        }
        assertNotEquals(seen.get(0).masks(), seen.get(10).masks(), "the stand-in segments frames differently");
        assertEquals(3, List.of(seen.get(0).noiseSeed(), seen.get(10).noiseSeed(), seen.get(20).noiseSeed())
                .stream().distinct().count(), "each shot has its own seed");

        assertFalse(store().all().hasNext(), "every shot ended, so the store is empty");
        assertEquals(3.0, evictions(WorkerMetrics.EVICTION_SHOT_ENDED));
        assertEquals(0.0, metric("srp_worker_mask_cache_entries"));
    }

    @Test
    void aShotLeavesTheStoreOnceTheNextShotBeginsAndNoFrameOfItIsPending() {
        start(MaskMode.ALWAYS);
        for (int i = 0; i < 10; i++) {
            t.send(TestFrames.frame("clip", 0, i));
        }
        MaskCacheEntry shot0 = store().get("clip/shot-0");
        assertNotNull(shot0);
        assertEquals(0, shot0.keyFrameIndex());
        assertEquals("clip", shot0.streamId());
        assertEquals(ShotNoiseSeed.of("clip", 0), shot0.noiseSeed());
        assertEquals(8, shot0.maskCount());
        assertEquals(1.0, metric("srp_worker_mask_cache_entries"));
        assertTrue(metric("srp_worker_mask_entry_bytes_sum") > 0);

        t.send(TestFrames.frame("clip", 1, 10));
        assertNotNull(store().get("clip/shot-0"), "frames 8 and 9 of shot 0 still wait for their batch");
        t.driver.advanceWallClockTime(Duration.ofMillis(50));
        assertNull(store().get("clip/shot-0"), "the linger flushed them, so shot 0 is gone");
        assertEquals(10, store().get("clip/shot-1").keyFrameIndex());
        assertEquals(1.0, evictions(WorkerMetrics.EVICTION_SHOT_ENDED));
        assertEquals(1.0, metric("srp_worker_mask_cache_entries"));
    }

    @Test
    void aQuietShotExpiresAndIsSegmentedAgainIfItComesBack() {
        start(new MaskSettings(MaskMode.ALWAYS, MaskGeneratorKind.BUILTIN, Duration.ofSeconds(2), 64));
        t.send(TestFrames.frame("live", 0, 0));
        t.send(TestFrames.frame("live", 0, 1));
        t.driver.advanceWallClockTime(Duration.ofMillis(1_500));
        assertNotNull(store().get("live/shot-0"), "not quiet for the TTL yet");
        t.driver.advanceWallClockTime(Duration.ofMillis(1_500));
        assertNull(store().get("live/shot-0"));
        assertEquals(1.0, evictions(WorkerMetrics.EVICTION_TTL));

        t.send(TestFrames.frame("live", 0, 2));
        assertEquals(2, segmentations.get());
        assertEquals(2.0, metric("srp_worker_mask_cache_misses_total"));
    }

    @Test
    void theLeastRecentlyUsedShotGoesWhenTheTaskHoldsMaxEntries() {
        start(new MaskSettings(MaskMode.ALWAYS, MaskGeneratorKind.BUILTIN, Duration.ofMinutes(10), 2));
        t.send(TestFrames.frame("a", 0, 0));
        t.driver.advanceWallClockTime(Duration.ofMillis(30));
        t.send(TestFrames.frame("b", 0, 0));
        t.driver.advanceWallClockTime(Duration.ofMillis(30));
        t.send(TestFrames.frame("a", 0, 1));
        t.driver.advanceWallClockTime(Duration.ofMillis(30));
        t.send(TestFrames.frame("c", 0, 0));

        assertNull(store().get("b/shot-0"), "b was used least recently");
        assertNotNull(store().get("a/shot-0"));
        assertNotNull(store().get("c/shot-0"));
        assertEquals(1.0, evictions(WorkerMetrics.EVICTION_CAPACITY));
        assertEquals(2.0, metric("srp_worker_mask_cache_entries"));
    }

    @Test
    void offSegmentsNothingAndOpensNoMaskStore() {
        start(MaskMode.OFF);
        t.send(TestFrames.frame("clip", 0, 0));
        t.send(FrameMessage.endOfStream("clip", 1, 40_000, TestFrames.RATE));
        assertEquals(0, segmentations.get());
        assertFalse(recorder.seen().get(0).hasMasks());
        assertNull(t.driver.getStateStore(MaskStore.NAME));
    }

    @Test
    void autoWithAModelThatTakesOnlyTheLrFrameSegmentsNothing() {
        start(MaskMode.AUTO);
        t.send(TestFrames.frame("clip", 0, 0));
        t.send(FrameMessage.endOfStream("clip", 1, 40_000, TestFrames.RATE));
        assertEquals(List.of("lr"), MODEL.get().modelInputs());
        assertEquals(0, segmentations.get());
        assertEquals(0.0, metric("srp_worker_mask_cache_misses_total"));
        assertFalse(recorder.seen().get(0).hasMasks());
    }

    @Test
    void aTtlShorterThanTwoLingersIsRefused() {
        MaskSettings masks = new MaskSettings(MaskMode.ALWAYS, MaskGeneratorKind.BUILTIN, Duration.ofSeconds(1), 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkerConfig(KafkaConnection.to("k:9092", TopologyHarness.TOPICS, MessageLimits.defaults()),
                "id",
                TestFrames.MODEL_X4, 4, 4, Duration.ofSeconds(1), stateDir, 1,
                1, PayloadCodec.RAW, masks));
        assertTrue(e.getMessage().contains("masks ttl"), e.getMessage());
    }

    @Test
    void masksComeBackFromTheStoreAsTheyWent() {
        start(MaskMode.ALWAYS);
        FrameMessage first = TestFrames.frame("clip", 0, 7);
        t.send(first);
        MaskSet stored = MaskSet.decode(store().get("clip/shot-0").masks());
        assertEquals(new GridTestMaskGenerator(new AtomicInteger()).generate(first.pixels(), first.width(),
                first.height()), stored);
    }
}
