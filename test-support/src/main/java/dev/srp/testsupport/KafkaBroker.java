package dev.srp.testsupport;

import dev.srp.broker.EmbeddedKafka;
import dev.srp.contract.MessageLimits;
import dev.srp.contract.Topics;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker for a test class: registered on a static field it serves the whole class, on an
 * instance field each test gets a broker of its own (for tests that need one broker's state untouched by another).
 *
 * <pre>{@code @RegisterExtension static final KafkaBroker BROKER = KafkaBroker.withLimits(MessageLimits.defaults());}</pre>
 *
 * Tests sharing one broker keep out of each other's way with {@link #freshTopics(int)}.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final MessageLimits limits;
    private final String saslUser;
    private final String saslPassword;
    private EmbeddedKafka kafka;
    private boolean perClass;

    private KafkaBroker(MessageLimits limits, String saslUser, String saslPassword) {
        this.limits = limits;
        this.saslUser = saslUser;
        this.saslPassword = saslPassword;
    }

    /** A broker whose message size limits are {@code limits}, as srp configures a cluster's. */
    public static KafkaBroker withLimits(MessageLimits limits) {
        return new KafkaBroker(limits, null, null);
    }

    /** Like {@link #withLimits}, plus a SASL/PLAIN listener ({@link #saslBootstrapServers()}) for user/password. */
    public static KafkaBroker withSasl(MessageLimits limits, String user, String password) {
        return new KafkaBroker(limits, user, password);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() {
        kafka = saslUser == null ? EmbeddedKafka.start(limits) : EmbeddedKafka.startWithSasl(limits, saslUser,
                saslPassword);
    }

    private void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** srp's topics under a prefix no other test uses, created with {@code partitions} partitions each. */
    public Topics freshTopics(int partitions) {
        Topics topics = Topics.withPrefix("t-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        createTopics(topics, partitions);
        return topics;
    }

    /** Creates {@code topics} as srp's start-up does (compaction, size limits) with {@code partitions} each. */
    public void createTopics(Topics topics, int partitions) {
        running().createTopics(topics, partitions);
    }

    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    public String saslBootstrapServers() {
        return running().saslBootstrapServers();
    }

    public MessageLimits limits() {
        return limits;
    }

    /** An admin client on the broker; the caller closes it. */
    public Admin admin() {
        return running().admin();
    }

    private EmbeddedKafka running() {
        if (kafka == null) {
            throw new IllegalStateException("the broker runs only inside a test: register KafkaBroker with "
                    + "@RegisterExtension");
        }
        return kafka;
    }
}
