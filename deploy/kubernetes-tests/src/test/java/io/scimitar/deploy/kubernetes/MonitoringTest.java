package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.scimitar.deploy.kubernetes.ServiceConfigurationMatchTest.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes/monitoring: its alerts and dashboard use only metrics the services export (assignment-service's
 * outbox/OutboxMetrics, provisioner-service's observability/ProvisionerMetrics and JobStateGauges), and every such
 * metric is shown. The Prometheus Operator's CRDs are not in the CRD folder, so the ServiceMonitors and
 * PrometheusRule are checked for the fields Prometheus needs; the ConfigMap against the Kubernetes API.
 */
class MonitoringTest {

    private static final Pattern METER = Pattern.compile(
            "(Gauge|FunctionCounter|Counter|Timer)\\.builder\\(\"([a-z.]+)\"([^;]*);|gauge\\(\"([a-z.]+)\"()");
    private static final List<String> METER_SOURCES = List.of(
            "assignment-service/src/main/java/io/scimitar/assignment/outbox/OutboxMetrics.java",
            "provisioner-service/src/main/java/io/scimitar/provisioner/observability/ProvisionerMetrics.java",
            "provisioner-service/src/main/java/io/scimitar/provisioner/observability/JobStateGauges.java",
            "provisioner-service/src/main/java/io/scimitar/provisioner/observability/DriftMetrics.java");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)");
    private static final Pattern USED = Pattern.compile("\\bscimitar_[a-z_]+");

    @Test
    void alertsAndDashboardUseOnlyExportedMetricsAndShowEachOfThem() throws Exception {
        Map<String, Set<String>> exported = exportedMetrics();
        Set<String> series = new HashSet<>();
        exported.values().forEach(series::addAll);
        List<JsonNode> objects = Kustomize.render("monitoring");
        List<String> alertExpressions = new ArrayList<>();
        for (JsonNode group : of(objects, "PrometheusRule").get(0).at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("for").asText()).matches("\\d+[smh]");
                assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
                assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
                alertExpressions.add(rule.path("expr").asText());
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(of(objects, "ConfigMap").get(0)
                .at("/data/scimitar.json").asText());
        List<String> panelExpressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> panelExpressions.add(target.path("expr").asText())));

        assertThat(used(alertExpressions)).isNotEmpty().isSubsetOf(series);
        assertThat(used(panelExpressions)).isSubsetOf(series);
        assertThat(exported).allSatisfy((meter, names) -> assertThat(used(panelExpressions))
                .as("a panel shows " + meter).containsAnyElementsOf(names));
        assertThat(used(alertExpressions)).contains("scimitar_outbox_oldest_row_age_seconds",
                "scimitar_outbox_dead_letters", "scimitar_provisioner_job_quarantined",
                "scimitar_provisioner_consumer_lag_events");
    }

    @Test
    void prometheusScrapesTheMetricsEndpointAndTheConfigMapIsValid() {
        List<JsonNode> objects = Kustomize.render("monitoring");
        List<JsonNode> monitors = of(objects, "ServiceMonitor");

        assertThat(monitors).extracting(monitor -> monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name")
                .asText()).containsExactlyInAnyOrder("assignment-service", "provisioner-service");
        for (JsonNode monitor : monitors) {
            JsonNode endpoint = monitor.at("/spec/endpoints/0");
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            assertThat(endpoint.path("port").asText()).isEqualTo("http");
        }
        assertThat(KubernetesApiSchema.validate(of(objects, "ConfigMap").get(0))).isEmpty();
    }

    /**
     * For each meter the services register, the Prometheus series it exports (dots to underscores, the unit; _total
     * on counters; _seconds_count, _sum, _max and _bucket on timers).
     */
    private static Map<String, Set<String>> exportedMetrics() {
        Map<String, Set<String>> meters = new TreeMap<>();
        for (String file : METER_SOURCES) {
            Matcher meter = METER.matcher(Repository.read(Repository.root().resolve(file)));
            while (meter.find()) {
                String kind = meter.group(1) == null ? "Gauge" : meter.group(1);
                String dotted = meter.group(2) == null ? meter.group(4) : meter.group(2);
                String name = dotted.replace('.', '_');
                Matcher unit = BASE_UNIT.matcher(meter.group(3) == null ? "" : meter.group(3));
                if (unit.find()) {
                    name += "_" + unit.group(1);
                }
                meters.put(dotted, switch (kind) {
                    case "FunctionCounter", "Counter" -> Set.of(name + "_total");
                    case "Timer" -> Set.of(name + "_seconds_count", name + "_seconds_sum", name + "_seconds_max",
                            name + "_seconds_bucket");
                    default -> Set.of(name);
                });
            }
        }
        assertThat(meters).as("meters found in " + METER_SOURCES).hasSizeGreaterThanOrEqualTo(14);
        return meters;
    }

    private static Set<String> used(List<String> expressions) {
        Set<String> names = new HashSet<>();
        for (String expression : expressions) {
            Matcher matcher = USED.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }
}
