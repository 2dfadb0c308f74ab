package dev.srp.worker;

import dev.srp.contract.FrameMessage;
import dev.srp.contract.MalformedMessageException;
import dev.srp.contract.Topic;
import dev.srp.contract.Topics;
import dev.srp.worker.masks.MaskGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per stream task: buffers LR frames in the changelogged pending store, runs a batch when {@code batchSize}
 * frames are pending or the linger punctuator fires, and forwards the HR frames in arrival order with their
 * original keys. An end-of-stream marker first flushes every pending frame of the task, then passes through
 * unchanged. Records that are not frame messages go to the dead-letter sink. When masks are on, each frame gets its
 * shot's masks and noise seed from the {@link ShotMaskCache} on arrival, and ended shots leave the cache once no
 * frame is pending.
 */
final class UpscaleProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(UpscaleProcessor.class);
    private final Topics topics;
    private final int batchSize;
    private final Duration linger;
    private final Supplier<Upscaler> upscalers;
    private final Supplier<MaskGenerator> maskGenerators;
    private final MaskSettings maskSettings;
    private final WorkerMetrics metrics;
    private final Topic<FrameMessage> lrIn;
    /** Written with the configured payload codec. */
    private final Topic<FrameMessage> hrOut;
    /** Decoded frames of this incarnation, so a frame is decoded once; after a restore they decode again. */
    private final Map<Long, FrameMessage> decoded = new HashMap<>();
    /** Masks of the pending frames, resolved on arrival; after a restore they are looked up again. */
    private final Map<Long, ShotMaskCache.ShotMasks> pendingMasks = new HashMap<>();

    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Long, PendingFrame> store;
    private Upscaler upscaler;
    private BatchInference inference;
    private final long latencyBudgetMillis;
    /** Live mode: late frames and frames the model failed on go out as LR pixels for egress to upscale. */
    private final boolean live;
    private final int scale;
    /** Null when masks are off for this worker's model. */
    private ShotMaskCache masks;
    /** Recent model time per frame, milliseconds; 0 until the model has run once. */
    private double modelMillisPerFrame;
    private long nextSequence;
    private int pending;

    UpscaleProcessor(WorkerConfig config, Supplier<Upscaler> upscalers, Supplier<MaskGenerator> maskGenerators,
                     WorkerMetrics metrics) {
        this.topics = config.kafka().topics();
        this.batchSize = config.batchSize();
        this.linger = config.batchLinger();
        this.latencyBudgetMillis = config.latencyBudget().toMillis();
        this.live = latencyBudgetMillis > 0;
        this.scale = config.scale();
        this.upscalers = upscalers;
        this.maskGenerators = maskGenerators;
        this.maskSettings = config.masks();
        this.metrics = metrics;
        this.lrIn = topics.lrFrames();
        this.hrOut = topics.hrFrames(config.hrPayload());
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(PendingFramesStore.NAME);
        // frames restored from the changelog are still owed to the output topic
        try (KeyValueIterator<Long, PendingFrame> it = store.all()) {
            while (it.hasNext()) {
                nextSequence = it.next().key + 1;
                pending++;
            }
        }
        this.upscaler = upscalers.get();
        this.inference = new BatchInference(upscaler, batchSize, metrics,
                new OutputGuard(upscaler.name(), scale, live, metrics));
        context.schedule(linger, PunctuationType.WALL_CLOCK_TIME, now -> flush());
        if (maskSettings.mode().enabledFor(upscaler.modelInputs())) {
            masks = new ShotMaskCache(context.getStateStore(MaskStore.NAME), maskGenerators.get(), maskSettings,
                    metrics, context.currentSystemTimeMs());
            context.schedule(masks.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, masks::evictExpired);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        FrameMessage message;
        try {
            message = lrIn.deserialize(record.value());
            if (message == null) {
                throw new MalformedMessageException("record has no value");
            }
        } catch (MalformedMessageException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (message.isEndOfStream()) {
            flush();
            metrics.streamEnded(message.streamId());
            if (masks != null) {
                masks.streamEnded(message.streamId());
                masks.evictEnded();
            }
            context.forward(record, SrTopology.HR_SINK);
            return;
        }
        metrics.frameIn((System.currentTimeMillis() - record.timestamp()) / 1000.0);
        long sequence = nextSequence++;
        if (masks != null) {
            pendingMasks.put(sequence, masks.masksFor(message, context.currentSystemTimeMs()));
            if (pending == 0) {
                masks.evictEnded();
            }
        }
        store.put(sequence, new PendingFrame(record.key(), record.value(), record.timestamp(),
                context.currentSystemTimeMs()));
        decoded.put(sequence, message);
        pending++;
        if (pending >= batchSize) {
            flush();
        }
    }

    /** Runs every pending frame through the model and forwards the results in arrival order. */
    private void flush() {
        if (pending == 0) {
            return;
        }
        List<KeyValue<Long, PendingFrame>> entries = new ArrayList<>(pending);
        try (KeyValueIterator<Long, PendingFrame> it = store.all()) {
            it.forEachRemaining(entries::add);
        }
        // the real clock, not Streams' per-iteration cached one: a long batch just before would make frames look younger
        long started = System.currentTimeMillis();
        int modelFrom = live ? firstInTime(entries, started) : 0;
        FrameMessage[] hr = new FrameMessage[entries.size()];
        List<FrameMessage> lr = new ArrayList<>(entries.size());
        List<UpscaleInput> inputs = new ArrayList<>(entries.size());
        List<Integer> modelled = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            KeyValue<Long, PendingFrame> entry = entries.get(i);
            FrameMessage frame = decoded.get(entry.key);
            frame = frame != null ? frame : lrIn.deserialize(entry.value.value());
            if (i < modelFrom) {
                // egress scales it while converting it for the encoder: the worker that is behind spends nothing
                hr[i] = frame.upscaledLater(scale);
                metrics.deadlineMissed(frame.streamId());
                continue;
            }
            lr.add(frame);
            inputs.add(inputFor(entry.key, frame));
            modelled.add(i);
        }
        List<FrameMessage> upscaled = lr.isEmpty() ? List.of() : timedUpscaleOrFallBack(lr, inputs);
        for (int k = 0; k < modelled.size(); k++) {
            hr[modelled.get(k)] = upscaled.get(k);
        }
        long now = context.currentSystemTimeMs();
        for (int i = 0; i < entries.size(); i++) {
            PendingFrame source = entries.get(i).value;
            context.forward(new Record<>(source.key(), hrOut.serialize(hr[i]),
                    source.timestamp()), SrTopology.HR_SINK);
            metrics.frameOut(hr[i].streamId(), (now - source.receivedMillis()) / 1000.0);
            store.delete(entries.get(i).key);
        }
        decoded.clear();
        pendingMasks.clear();
        pending = 0;
        metrics.releaseIdleStreams();
        if (masks != null) {
            masks.evictEnded();
        }
    }

    /**
     * Live mode: the index of the oldest pending frame from which on the model can still finish every frame within
     * its budget, given the model's recent time per frame. The newest frames get the model and older ones are
     * shed: a frame that would miss its deadline is shed before the model spends time on it, not after. The newest
     * frame goes to the model whenever its own age is within the budget, whatever the estimate says: it is how the
     * estimate keeps up with the model, so one slow batch (a GC pause, a busy core) cannot shed every frame after it.
     */
    private int firstInTime(List<KeyValue<Long, PendingFrame>> entries, long now) {
        int from = entries.size();
        while (from > 0) {
            long age = now - entries.get(from - 1).value.timestamp();
            int batch = entries.size() - from + 1;
            boolean newestInBudget = batch == 1 && age <= latencyBudgetMillis;
            if (!newestInBudget && age + modelMillisPerFrame * batch > latencyBudgetMillis) {
                break;
            }
            from--;
        }
        return from;
    }

    /**
     * {@link #upscaleOrFallBack} that also keeps the model's time per frame, for {@link #firstInTime}. Calls that
     * warmed the model up for a new frame size do not count: the first one takes seconds, and the ones after it
     * milliseconds.
     */
    private List<FrameMessage> timedUpscaleOrFallBack(List<FrameMessage> lr, List<UpscaleInput> inputs) {
        List<FrameMessage> upscaled = upscaleOrFallBack(lr, inputs);
        double perFrame = inference.steadyMillisPerFrame();
        if (!Double.isNaN(perFrame)) {
            // a moving average: one slow batch (a GC pause, a new shot's masks) should not shed the next few seconds
            modelMillisPerFrame = modelMillisPerFrame == 0 ? perFrame
                    : 0.7 * modelMillisPerFrame + 0.3 * perFrame;
        }
        return upscaled;
    }

    /**
     * The model's output. If the model throws: in live mode the frames go out for egress to
     * upscale bicubically and are counted, because a
     * live stream must not stop; otherwise the exception stops the worker cleanly (nothing of the batch was
     * committed, so a restarted worker redoes it), because a remaster must not silently lose quality. Frames whose
     * output is invalid are handled frame by frame by the {@link OutputGuard}.
     */
    private List<FrameMessage> upscaleOrFallBack(List<FrameMessage> lr, List<UpscaleInput> inputs) {
        try {
            return inference.upscale(lr, inputs);
        } catch (RuntimeException e) {
            if (!live) {
                throw e;
            }
            LOG.error("model {} failed on {} frames; egress upscales them bicubically (live mode): {}", upscaler.name(),
                    lr.size(), e.toString());
            metrics.modelFailed(lr.size());
            return lr.stream().map(frame -> frame.upscaledLater(scale)).toList();
        }
    }

    private UpscaleInput inputFor(long sequence, FrameMessage frame) {
        if (masks == null) {
            return UpscaleInput.of(frame.pixels());
        }
        ShotMaskCache.ShotMasks shot = pendingMasks.get(sequence);
        if (shot == null) {
            // a frame restored from the pending store: its shot's masks were restored with the mask store
            shot = masks.masksFor(frame, context.currentSystemTimeMs());
        }
        return new UpscaleInput(frame.pixels(), shot.masks(), shot.noiseSeed());
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DEAD_LETTER_SOURCE_HEADER, sourceTopic().getBytes(StandardCharsets.UTF_8));
        context.forward(record.withHeaders(headers), SrTopology.DEAD_LETTER_SINK);
        metrics.deadLetter(WorkerMetrics.REASON_MALFORMED);
    }

    private String sourceTopic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(topics.framesLr());
    }

    @Override
    public void close() {
        if (masks != null) {
            masks.close();
        }
        if (upscaler != null) {
            upscaler.close();
        }
    }
}
