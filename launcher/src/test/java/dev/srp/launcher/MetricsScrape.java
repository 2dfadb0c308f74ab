package dev.srp.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** One service's {@code /metrics} endpoint, read the way Prometheus scrapes it, to watch a separate process's progress. */
final class MetricsScrape {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    MetricsScrape(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    /** The sum over every label set of the sample {@code name}; NaN while the service is not serving yet. */
    double value(String name) throws InterruptedException {
        String body = scrape();
        if (body == null) {
            return Double.NaN;
        }
        double sum = 0;
        boolean found = false;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /**
     * The samples of {@code name} by the value of its one label {@code label} (as in {@code name{label="v"} 3.0});
     * empty while the service is not serving yet.
     */
    Map<String, Double> byLabel(String name, String label) throws InterruptedException {
        String body = scrape();
        Map<String, Double> values = new TreeMap<>();
        String prefix = name + "{" + label + "=\"";
        for (String line : body == null ? new String[0] : body.split("\n")) {
            if (line.startsWith(prefix)) {
                String value = line.substring(prefix.length(), line.indexOf('"', prefix.length()));
                values.put(value, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return values;
    }

    /** The text of one scrape, or null while the service is not serving. */
    private String scrape() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        }
    }
}
