package dev.srp.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The objects of one Kubernetes overlay under deploy/k8s/overlays, as kubectl's kustomize renders them. */
final class KubernetesManifests {
    private final String overlay;
    private final List<JsonNode> objects;

    private KubernetesManifests(String overlay, List<JsonNode> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    static String render(String overlay) throws Exception {
        return DeployFilesIT.check(SrpHome.path(), "kubectl", "kustomize", "deploy/k8s/overlays/" + overlay);
    }

    static KubernetesManifests of(String overlay) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> objects = new ArrayList<>();
        try (var docs = yaml.readerFor(JsonNode.class).readValues(render(overlay))) {
            while (docs.hasNext()) {
                JsonNode doc = (JsonNode) docs.next();
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    objects.add(doc);
                }
            }
        }
        return new KubernetesManifests(overlay, objects);
    }

    JsonNode object(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                        && name.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + "/" + name));
    }

    /** The first container of a workload's pod template. */
    JsonNode container(String kind, String name) {
        return object(kind, name).path("spec").path("template").path("spec").path("containers").get(0);
    }

    /** A container's environment: its ConfigMaps' data, then its own variables over them. */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText();
            object("ConfigMap", configMap).path("data").fields()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode var : container.path("env")) {
            env.put(var.path("name").asText(), var.path("value").asText());
        }
        return env;
    }

    List<Path> mountPaths(JsonNode container) {
        List<Path> paths = new ArrayList<>();
        container.path("volumeMounts").forEach(m -> paths.add(Path.of(m.path("mountPath").asText())));
        return paths;
    }

    /** The DNS name of the headless Service that selects a component's pods, as pods in the cluster look it up. */
    String headlessServiceFor(String component) {
        for (JsonNode o : objects) {
            JsonNode spec = o.path("spec");
            if ("Service".equals(o.path("kind").asText()) && "None".equals(spec.path("clusterIP").asText())
                    && component.equals(spec.path("selector").path("app.kubernetes.io/component").asText())) {
                return o.path("metadata").path("name").asText() + "." + o.path("metadata").path("namespace").asText()
                        + ".svc";
            }
        }
        throw new AssertionError(overlay + ": no headless Service selects the " + component + " pods");
    }

    /** The port a component's container serves its metrics on (the one named "metrics"). */
    int metricsPort(String component) {
        for (JsonNode o : objects) {
            if ("Deployment".equals(o.path("kind").asText()) && component.equals(
                    o.path("spec").path("template").path("metadata").path("labels")
                            .path("app.kubernetes.io/component").asText())) {
                for (JsonNode port : o.path("spec").path("template").path("spec").path("containers").get(0)
                        .path("ports")) {
                    if ("metrics".equals(port.path("name").asText())) {
                        return port.path("containerPort").asInt();
                    }
                }
            }
        }
        throw new AssertionError(overlay + ": no metrics port on the " + component + " pods");
    }
}
