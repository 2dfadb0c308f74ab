package dev.srp.worker;

import dev.srp.worker.masks.MaskGenerator;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The worker's topology as a plain function of its inputs, so a test can build it with any upscaler:
 * frames.lr -> upscale (with its pending-frames and mask stores) -> frames.hr, and undecodable records -> dead letter.
 * Keys and values stay bytes end to end: keys pass through untouched and the processor decodes values itself,
 * so a bad record is dead-lettered instead of killing the stream.
 */
public final class SrTopology {
    static final String SOURCE = "srp-worker-frames-lr";
    static final String PROCESSOR = "srp-worker-upscale";
    static final String HR_SINK = "srp-worker-frames-hr";
    static final String DEAD_LETTER_SINK = "srp-worker-dead-letter";

    private SrTopology() {
    }

    /**
     * @param upscalers called once per stream task; the task's processor closes what it gets, so pass
     *                  {@code () -> new SharedUpscaler(model)} to share one loaded model between tasks
     */
    public static Topology build(WorkerConfig config, Supplier<Upscaler> upscalers, WorkerMetrics metrics) {
        return build(config, upscalers, () -> MaskGenerators.create(config.masks(), config.inferenceThreads()),
                metrics);
    }

    /**
     * @param maskGenerators called once per stream task when masks are on; the task's processor closes what it
     *                       gets (generators need not be thread-safe)
     */
    public static Topology build(WorkerConfig config, Supplier<Upscaler> upscalers,
                                 Supplier<MaskGenerator> maskGenerators, WorkerMetrics metrics) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                config.kafka().topics().framesLr());
        topology.addProcessor(PROCESSOR, () -> new UpscaleProcessor(config, upscalers, maskGenerators, metrics),
                SOURCE);
        topology.addStateStore(PendingFramesStore.builder(config.kafka().limits()), PROCESSOR);
        if (config.masks().mode() != MaskMode.OFF) {
            topology.addStateStore(MaskStore.builder(config.kafka().limits()), PROCESSOR);
        }
        topology.addSink(HR_SINK, config.kafka().topics().framesHr(), new ByteArraySerializer(),
                new ByteArraySerializer(),
                PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, config.kafka().topics().deadLetter(), new ByteArraySerializer(),
                new ByteArraySerializer(), PROCESSOR);
        return topology;
    }
}
