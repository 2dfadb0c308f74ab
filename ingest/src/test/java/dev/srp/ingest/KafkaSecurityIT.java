package dev.srp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.srp.contract.KafkaConnection;
import dev.srp.contract.KafkaSecurity;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import dev.srp.contract.Topics;
import dev.srp.testsupport.KafkaBroker;
import dev.srp.testsupport.SyntheticClip;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Kafka security settings reach the producer: ingest publishes through a SASL/PLAIN listener, and only with the
 *  right password; the password never shows in the error. */
class KafkaSecurityIT {
    private static final MessageLimits LIMITS = MessageLimits.defaults();
    private static final SyntheticClip CLIP = new SyntheticClip(160, 96, 25, 20, new int[0], false, true);
    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.withSasl(LIMITS, "srp", "camera-secret");

    @TempDir
    Path dir;

    private static KafkaSecurity plain(String password) {
        return new KafkaSecurity(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"srp\" password=\"" + password + "\";"));
    }

    private IngestResult ingest(Topics topics, KafkaSecurity security) throws Exception {
        Path file = dir.resolve("clip" + CLIP.extension());
        CLIP.write(file);
        IngestConfig config = new IngestConfig(file.toString(), "sasl",
                KafkaConnection.to(BROKER.saslBootstrapServers(), topics, LIMITS).withSecurity(security),
                Duration.ofSeconds(10), false);
        return new Ingest(config, new IngestMetrics(new CollectorRegistry())).run(new IngestListener() { });
    }

    @Test
    void publishesThroughSaslWithTheRightPassword() throws Exception {
        Topics topics = BROKER.freshTopics(2);
        assertEquals(CLIP.frames(), ingest(topics, plain("camera-secret")).frames());
        Committed out = Committed.read(BROKER.bootstrapServers(), topics, LIMITS);
        assertEquals(CLIP.frames(), out.frames().size());
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        Topics topics = BROKER.freshTopics(2);
        SrpException e = assertThrows(SrpException.class, () -> ingest(topics, plain("wrong-guess")));
        String shown = e.getMessage() + " " + e.hint() + " " + e.getCause();
        assertFalse(shown.contains("wrong-guess"), shown);
        assertEquals(0, Committed.readAvailable(BROKER.bootstrapServers(), topics, LIMITS, Duration.ofSeconds(2))
                .frames().size());
    }
}
