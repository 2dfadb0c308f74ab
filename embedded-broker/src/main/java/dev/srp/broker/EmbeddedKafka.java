package dev.srp.broker;

import dev.srp.contract.MessageLimits;
import dev.srp.contract.SrpException;
import dev.srp.contract.TopicSetup;
import dev.srp.contract.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker (combined broker and controller) in a temporary directory. It is a real broker:
 * transactions, compaction and the size limits behave as on a cluster, which is why srp uses it instead of a mock.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final KafkaRaftServer server;
    private final String bootstrap;
    private final MessageLimits limits;
    private final String saslBootstrap;

    private EmbeddedKafka(Path dataDir, boolean ownsDataDir, KafkaRaftServer server, String bootstrap,
                          String saslBootstrap, MessageLimits limits) {
        this.saslBootstrap = saslBootstrap;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.server = server;
        this.bootstrap = bootstrap;
        this.limits = limits;
    }

    /** Starts a broker in a new temporary directory that {@link #close()} deletes. */
    public static EmbeddedKafka start(MessageLimits limits) {
        return start(limits, null, null);
    }

    /**
     * Like {@link #start(MessageLimits)}, plus a second listener that takes only SASL/PLAIN clients logging in as
     * {@code user}/{@code password} ({@link #saslBootstrapServers()}), to test srp's Kafka security pass-through.
     */
    public static EmbeddedKafka startWithSasl(MessageLimits limits, String user, String password) {
        return start(limits, user, password);
    }

    private static EmbeddedKafka start(MessageLimits limits, String saslUser, String saslPassword) {
        try {
            return start(Files.createTempDirectory("srp-kafka-"), true, limits, saslUser, saslPassword);
        } catch (IOException e) {
            throw new SrpException("cannot create a temporary directory for the embedded Kafka broker: "
                    + e.getMessage(), "check that java.io.tmpdir is writable and has space", e);
        }
    }

    static EmbeddedKafka start(Path dataDir, boolean ownsDataDir, MessageLimits limits) {
        return start(dataDir, ownsDataDir, limits, null, null);
    }

    /**
     * Picks the ports of a broker in {@code dataDir} and writes its configuration without starting it, so a caller
     * can build and check everything that needs the broker's address before paying for its start.
     *
     * @return the bootstrap servers the broker will listen on once {@link #startIn} starts it
     */
    public static String configure(Path dataDir, MessageLimits limits) {
        try {
            Files.createDirectories(dataDir);
            return listener(config(dataDir, limits, null, null).getProperty("advertised.listeners"), "PLAINTEXT");
        } catch (IOException | RuntimeException e) {
            throw new SrpException("cannot write the embedded Kafka broker's configuration in " + dataDir + ": "
                    + e.getMessage(), "check that java.io.tmpdir is writable and has space", e);
        }
    }

    /** Starts a broker in {@code dataDir} (configured by {@link #configure} or not); the caller removes the dir. */
    public static EmbeddedKafka startIn(Path dataDir, MessageLimits limits) {
        return start(dataDir, false, limits, null, null);
    }

    /** The broker's configuration in {@code dataDir}, written with new ports if there is none yet. */
    private static Properties config(Path dataDir, MessageLimits limits, String saslUser, String saslPassword)
            throws IOException {
        Path config = dataDir.resolve("server.properties");
        if (Files.exists(config)) {
            return load(config);
        }
        Properties props = newConfig(dataDir, limits, saslUser, saslPassword);
        Path written = dataDir.resolve("server.properties.new");
        try (OutputStream out = Files.newOutputStream(written)) {
            props.store(out, "srp embedded broker");
        }
        Files.move(written, config, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return props;
    }

    private static EmbeddedKafka start(Path dataDir, boolean ownsDataDir, MessageLimits limits, String saslUser,
                                       String saslPassword) {
        try {
            // a directory that holds a broker already (restarted after a crash or a stop) keeps its ports and data
            Properties props = config(dataDir, limits, saslUser, saslPassword);
            if (!Files.exists(Path.of(props.getProperty("log.dirs")).resolve("meta.properties"))) {
                String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
                PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
                StorageTool.execute(new String[] {"format", "-t", clusterId, "-c",
                        dataDir.resolve("server.properties").toString()}, quiet);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            String advertised = props.getProperty("advertised.listeners");
            EmbeddedKafka kafka = new EmbeddedKafka(dataDir, ownsDataDir, server, listener(advertised, "PLAINTEXT"),
                    listener(advertised, "SASL_PLAINTEXT"), limits);
            kafka.awaitReady();
            return kafka;
        } catch (IOException | RuntimeException e) {
            throw new SrpException("cannot start the embedded Kafka broker in " + dataDir + ": " + e.getMessage(),
                    "check free disk space and that loopback ports can be bound; run with --verbose for details", e);
        }
    }

    /**
     * Runs a broker as a process of its own on {@code DIR} until it is stopped or killed:
     * {@code java -cp CLASSPATH dev.srp.broker.EmbeddedKafka DIR}. The first run formats DIR and picks free ports;
     * a later run on the same DIR (after a kill -9, say) reuses both, so clients find it at the same address.
     * Prints {@code srp broker ready at HOST:PORT} once it takes clients. Tests use it to crash a broker for real.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp CLASSPATH dev.srp.broker.EmbeddedKafka DATA_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        EmbeddedKafka kafka = start(dir, false, MessageLimits.defaults(), null, null);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        System.out.println("srp broker ready at " + kafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static Properties load(Path config) throws IOException {
        Properties props = new Properties();
        try (var in = Files.newInputStream(config)) {
            props.load(in);
        }
        return props;
    }

    /** HOST:PORT of the advertised listener named {@code name}, or null when there is none. */
    private static String listener(String advertised, String name) {
        for (String l : advertised.split(",")) {
            if (l.startsWith(name + "://")) {
                return l.substring(name.length() + 3);
            }
        }
        return null;
    }

    private static Properties newConfig(Path dataDir, MessageLimits limits, String saslUser, String saslPassword) {
        int[] ports = LoopbackPorts.distinct(3);
        int brokerPort = ports[0];
        int controllerPort = ports[1];
        int saslPort = ports[2];
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        if (saslUser != null) {
            props.put("listeners", props.get("listeners") + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
            props.put("advertised.listeners", props.get("advertised.listeners") + ",SASL_PLAINTEXT://127.0.0.1:"
                    + saslPort);
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map")
                    + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + saslUser + "=\""
                            + saslPassword + "\";");
        }
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("log").toString());
        props.put("num.partitions", "4");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        props.putAll(limits.brokerConfig());
        // Small segments, checked often: records the next stage has consumed (and the launcher deletes) free their
        // disk within seconds, so a long video needs disk for the frames in flight, not for the whole video.
        // A segment takes at least one whole record, and rolls at the next record that does not fit.
        props.put("log.segment.bytes", Integer.toString(Math.max(64 << 20, limits.maxRecordBytes() + (1 << 20))));
        props.put("log.retention.check.interval.ms", "5000");
        props.put("log.segment.delete.delay.ms", "1000");
        return props;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** The SASL/PLAIN listener of {@link #startWithSasl}; null for a broker without one. */
    public String saslBootstrapServers() {
        return saslBootstrap;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Creates the srp topics (idempotent), each with the size limit from the shared {@link MessageLimits}. */
    public void createTopics(Topics topics, int partitions) {
        TopicSetup.ensure(bootstrap, topics, partitions, limits, (short) 1);
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new SrpException("embedded Kafka broker did not come up: " + e.getMessage(),
                    "run with --verbose for the broker log", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp directory is harmless
        }
    }
}
