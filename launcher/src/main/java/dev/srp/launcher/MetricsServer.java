package dev.srp.launcher;

import dev.srp.contract.SrpException;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Serves one registry (the services' metrics plus JVM metrics) at /metrics, or nothing when the port is 0. */
final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    static MetricsServer start(MetricsOptions options, CollectorRegistry registry) {
        DefaultExports.register(registry);
        BuildInfo.register(registry);
        if (options.port == 0) {
            return new MetricsServer(null);
        }
        try {
            return new MetricsServer(new HTTPServer(new InetSocketAddress(options.host, options.port), registry, true));
        } catch (IOException e) {
            throw new SrpException("cannot serve metrics on " + options.host + ":" + options.port + ": "
                    + e.getMessage(), "choose a free port with --metrics-port, or 0 to turn metrics off", e);
        }
    }

    int port() {
        return server == null ? 0 : server.getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
