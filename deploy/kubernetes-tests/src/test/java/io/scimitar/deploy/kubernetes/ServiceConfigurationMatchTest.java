package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.events.AssignmentTopics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the manifests against each service's configuration (application.properties) and against the secrets that
 * exist, so the two cannot drift apart: every environment variable a Deployment sets is read by the service, the
 * container port is the service's HTTP port, the probes hit Quarkus' health endpoints, the images carry the project
 * version, every Secret a container reads is made by an operator or by a command in deploy/README.md.
 */
class ServiceConfigurationMatchTest {

    private static final Pattern REFERENCED = Pattern.compile("\\$\\{([A-Z0-9_]+)");
    private static final Pattern COMPOSED = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)");
    private static final Pattern CREATED_SECRET = Pattern.compile("create secret generic ([a-z0-9-]+)");
    private static final Pattern LITERAL_KEY = Pattern.compile("--from-literal=([A-Za-z0-9_.]+)=");

    @ParameterizedTest
    @ValueSource(strings = {"assignment-service", "provisioner-service", "miro-scim-mock"})
    void everyEnvironmentVariableIsReadByTheService(String service) {
        JsonNode container = container(service);
        Properties properties = Repository.applicationProperties(service);
        Set<String> read = readEnvironmentVariables(properties);
        Set<String> composing = new HashSet<>();
        for (JsonNode env : container.path("env")) {
            Matcher matcher = COMPOSED.matcher(env.path("value").asText());
            while (matcher.find()) {
                composing.add(matcher.group(1));
            }
        }

        assertThat(environmentNames(container))
                .as("environment variables of %s that its application.properties does not read", service)
                .allSatisfy(name -> assertThat(read.contains(name) || composing.contains(name))
                        .as("%s sets %s", service, name).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"assignment-service", "provisioner-service", "miro-scim-mock"})
    void theContainerPortIsTheServicesHttpPort(String service) {
        Properties properties = Repository.applicationProperties(service);
        JsonNode port = container(service).path("ports").get(0);

        assertThat(port.path("name").asText()).isEqualTo("http");
        assertThat(port.path("containerPort").asText()).isEqualTo(properties.getProperty("quarkus.http.port"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"assignment-service", "provisioner-service", "miro-scim-mock"})
    void theProbesHitQuarkusHealthEndpoints(String service) {
        Properties properties = Repository.applicationProperties(service);
        JsonNode container = container(service);

        assertThat(properties.stringPropertyNames()).as("paths the probes rely on are the defaults")
                .noneMatch(key -> key.endsWith("quarkus.http.root-path")
                        || key.endsWith("quarkus.http.non-application-root-path")
                        || key.startsWith("quarkus.smallrye-health."));
        assertThat(properties.getProperty("quarkus.http.port")).isNotBlank();
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(container.path(probe).at("/httpGet/port").asText()).as(probe).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void imagesCarryTheProjectVersion(String overlay) {
        assertThat(Kustomize.render(overlay)).filteredOn(o -> o.path("kind").asText().equals("Deployment"))
                .allSatisfy(deployment -> {
                    String name = deployment.at("/metadata/name").asText();
                    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                            .isEqualTo("scimitar/" + name + ":" + Repository.projectVersion());
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void everySecretAContainerReadsIsMadeByAnOperatorOrTheReadme(String overlay) {
        List<JsonNode> objects = Kustomize.render(overlay);
        Set<String> available = operatorSecretKeys(objects);
        available.addAll(readmeSecretKeys());

        for (JsonNode deployment : of(objects, "Deployment")) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                for (JsonNode env : container.path("env")) {
                    JsonNode ref = env.at("/valueFrom/secretKeyRef");
                    if (!ref.isMissingNode()) {
                        assertThat(available).as("%s reads %s", Kustomize.describe(deployment), env.path("name"))
                                .contains(ref.path("name").asText() + "/" + ref.path("key").asText());
                    }
                }
            }
            for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
                for (JsonNode item : volume.at("/secret/items")) {
                    assertThat(available).contains(volume.at("/secret/secretName").asText() + "/"
                            + item.path("key").asText());
                }
            }
        }
        for (JsonNode auth : of(objects, "TriggerAuthentication")) {
            for (JsonNode ref : auth.at("/spec/secretTargetRef")) {
                assertThat(available).contains(ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
    }

    @Test
    void theTopicsAreTheOnesTheServicesUseWithUnlimitedRetention() {
        List<JsonNode> topics = of(Kustomize.render("overlays/production"), "KafkaTopic");

        assertThat(topics).extracting(t -> t.at("/metadata/name").asText())
                .containsExactlyInAnyOrder(AssignmentTopics.ASSIGNMENT_EVENTS, AssignmentTopics.ASSIGNMENT_EVENTS
                        + ".dlq", AssignmentTopics.APPLICATION_EVENTS);
        // the event topics keep everything: by time (retention -1), or by key (compaction keeps each application's newest)
        assertThat(topics).allSatisfy(t -> assertThat(t.at("/spec/config/cleanup.policy").asText().equals("compact")
                || t.at("/spec/config/retention.ms").asLong() == -1).isTrue());
        assertThat(topics).filteredOn(t -> t.at("/metadata/name").asText().equals(AssignmentTopics.APPLICATION_EVENTS))
                .singleElement().satisfies(t -> assertThat(t.at("/spec/config/cleanup.policy").asText())
                        .isEqualTo("compact"));
    }

    @Test
    void theProvisionerScalesOutUpToTheAssignmentTopicsPartitions() {
        List<JsonNode> objects = Kustomize.render("overlays/production");
        JsonNode topic = of(objects, "KafkaTopic").stream()
                .filter(t -> t.at("/metadata/name").asText().equals(AssignmentTopics.ASSIGNMENT_EVENTS))
                .findFirst().orElseThrow();
        JsonNode scaledObject = of(objects, "ScaledObject").get(0);

        // each job's partitions are shared by its instances: one more than the partitions would own none
        assertThat(scaledObject.at("/spec/maxReplicaCount").asInt()).isGreaterThan(1)
                .isEqualTo(topic.at("/spec/partitions").asInt());
        assertThat(scaledObject.at("/spec/minReplicaCount").asInt()).isBetween(1,
                scaledObject.at("/spec/maxReplicaCount").asInt());
        assertThat(scaledObject.at("/spec/triggers/0/metadata/topic").asText())
                .isEqualTo(AssignmentTopics.ASSIGNMENT_EVENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"assignment-service", "provisioner-service"})
    void theGracePeriodOutlastsQuarkusShutdownTimeout(String service) {
        JsonNode podSpec = deployment(service).at("/spec/template/spec");
        long timeout = seconds(Repository.applicationProperties(service).getProperty("%prod.quarkus.shutdown.timeout"));
        long preStop = podSpec.at("/containers/0/lifecycle/preStop/sleep/seconds").asLong();

        assertThat(podSpec.path("terminationGracePeriodSeconds").asLong()).isGreaterThan(timeout + preStop);
    }

    /** The variables application.properties reads: ${NAME...} in a value, or a key in its environment form. */
    private static Set<String> readEnvironmentVariables(Properties properties) {
        Set<String> names = new HashSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher matcher = REFERENCED.matcher(properties.getProperty(key));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            if (!key.startsWith("%")) {
                names.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static Set<String> environmentNames(JsonNode container) {
        Set<String> names = new LinkedHashSet<>();
        container.path("env").forEach(env -> names.add(env.path("name").asText()));
        List<JsonNode> objects = Kustomize.render("overlays/dev");
        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.at("/configMapRef/name").asText();
            assertThat(configMap).as("envFrom only from ConfigMaps of the manifests (secrets key by key)")
                    .isNotEmpty();
            JsonNode map = of(objects, "ConfigMap").stream()
                    .filter(o -> o.at("/metadata/name").asText().equals(configMap)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + configMap));
            map.path("data").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** The secrets Strimzi and CloudNativePG write for the rendered resources, as name/key. */
    private static Set<String> operatorSecretKeys(List<JsonNode> objects) {
        Set<String> keys = new HashSet<>();
        for (JsonNode user : of(objects, "KafkaUser")) {
            keys.add(user.at("/metadata/name").asText() + "/password");
            keys.add(user.at("/metadata/name").asText() + "/sasl.jaas.config");
        }
        for (JsonNode kafka : of(objects, "Kafka")) {
            keys.add(kafka.at("/metadata/name").asText() + "-cluster-ca-cert/ca.crt");
        }
        for (JsonNode cluster : of(objects, "Cluster")) {
            for (String key : List.of("username", "user", "password", "host", "port", "dbname", "uri", "jdbc-uri")) {
                keys.add(cluster.at("/metadata/name").asText() + "-app/" + key);
            }
        }
        return keys;
    }

    /** The secrets deploy/README.md tells the operator to create, as name/key. */
    private static Set<String> readmeSecretKeys() {
        List<String> lines = Repository.read(Repository.root().resolve("deploy/README.md")).lines().toList();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher command = CREATED_SECRET.matcher(lines.get(i));
            if (!command.find()) {
                continue;
            }
            // the command goes on while a line ends with a backslash
            for (int j = i; j < lines.size(); j++) {
                Matcher key = LITERAL_KEY.matcher(lines.get(j));
                while (key.find()) {
                    keys.add(command.group(1) + "/" + key.group(1));
                }
                if (!lines.get(j).stripTrailing().endsWith("\\")) {
                    break;
                }
            }
        }
        return keys;
    }

    private static long seconds(String duration) {
        assertThat(duration).as("%prod.quarkus.shutdown.timeout").matches("\\d+s");
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }

    private static JsonNode deployment(String name) {
        return of(Kustomize.render("overlays/dev"), "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name + " in overlays/dev"));
    }

    private static JsonNode container(String name) {
        return deployment(name).at("/spec/template/spec/containers/0");
    }

    static List<JsonNode> of(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }
}
