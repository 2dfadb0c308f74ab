package dev.srp.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.srp.contract.StreamLabels;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

class EgressMetricsTest {
    private static final String[] STREAM = {"stream"};

    @Test
    void perStreamSeriesCountTheirStreamAndGoWhenItCloses() {
        CollectorRegistry registry = new CollectorRegistry();
        EgressMetrics metrics = new EgressMetrics(registry);
        metrics.frameWritten("gate", 0.01, 0.4);
        metrics.frameWritten("gate", 0.01, 0.5);
        metrics.framesSkipped("gate", 3);
        assertEquals(2.0, registry.getSampleValue("srp_egress_stream_frames_total", STREAM, new String[] {"gate"}));
        assertEquals(3.0, registry.getSampleValue("srp_egress_stream_skipped_frames_total", STREAM,
                new String[] {"gate"}));
        assertEquals(0.5, registry.getSampleValue("srp_egress_stream_latency_seconds", STREAM, new String[] {"gate"}));
        assertEquals(3.0, registry.getSampleValue("srp_egress_skipped_frames_total"));

        metrics.streamClosed("gate");
        assertNull(registry.getSampleValue("srp_egress_stream_frames_total", STREAM, new String[] {"gate"}));
        assertNull(registry.getSampleValue("srp_egress_stream_skipped_frames_total", STREAM, new String[] {"gate"}));
        assertNull(registry.getSampleValue("srp_egress_stream_latency_seconds", STREAM, new String[] {"gate"}));
    }

    @Test
    void streamsPastTheBoundShareOneSeries() {
        CollectorRegistry registry = new CollectorRegistry();
        EgressMetrics metrics = new EgressMetrics(registry);
        for (int i = 0; i < StreamLabels.DEFAULT_MAX + 10; i++) {
            metrics.frameWritten("cam-" + i, 0.01, 0.1);
        }
        assertEquals(1.0, registry.getSampleValue("srp_egress_stream_frames_total", STREAM,
                new String[] {"cam-" + (StreamLabels.DEFAULT_MAX - 1)}));
        assertNull(registry.getSampleValue("srp_egress_stream_frames_total", STREAM,
                new String[] {"cam-" + StreamLabels.DEFAULT_MAX}));
        assertEquals(10.0, registry.getSampleValue("srp_egress_stream_frames_total", STREAM,
                new String[] {StreamLabels.OTHER}));
    }
}
