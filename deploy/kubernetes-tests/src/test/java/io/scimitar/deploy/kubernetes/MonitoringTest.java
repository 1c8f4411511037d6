package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.scimitar.deploy.kubernetes.ServiceConfigurationMatchTest.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes/monitoring: its alerts and dashboard use only metrics assignment-service exports
 * (outbox/OutboxMetrics), and every such metric is shown. The Prometheus Operator's CRDs are not in the CRD folder,
 * so the ServiceMonitor and PrometheusRule are checked for the fields Prometheus needs; the ConfigMap against the
 * Kubernetes API.
 */
class MonitoringTest {

    private static final Pattern METER = Pattern.compile("(Gauge|FunctionCounter)\\.builder\\(\"([a-z.]+)\"([^;]*);");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)");
    private static final Pattern USED = Pattern.compile("\\bscimitar_[a-z_]+");

    @Test
    void alertsAndDashboardUseOnlyExportedMetricsAndShowEachOfThem() throws Exception {
        Set<String> exported = exportedOutboxMetrics();
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
                .at("/data/scimitar-outbox.json").asText());
        List<String> panelExpressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> panelExpressions.add(target.path("expr").asText())));

        assertThat(used(alertExpressions)).isNotEmpty().isSubsetOf(exported);
        assertThat(used(panelExpressions)).isEqualTo(exported);
        assertThat(used(alertExpressions)).contains("scimitar_outbox_oldest_row_age_seconds",
                "scimitar_outbox_dead_letters");
    }

    @Test
    void prometheusScrapesTheMetricsEndpointAndTheConfigMapIsValid() {
        List<JsonNode> objects = Kustomize.render("monitoring");
        JsonNode endpoint = of(objects, "ServiceMonitor").get(0).at("/spec/endpoints/0");

        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        assertThat(endpoint.path("port").asText()).isEqualTo("http");
        assertThat(KubernetesApiSchema.validate(of(objects, "ConfigMap").get(0))).isEmpty();
    }

    /** Prometheus names of the meters OutboxMetrics registers (dots to underscores, unit, _total on counters). */
    private static Set<String> exportedOutboxMetrics() {
        String source = Repository.read(Repository.root().resolve(
                "assignment-service/src/main/java/io/scimitar/assignment/outbox/OutboxMetrics.java"));
        Set<String> names = new HashSet<>();
        Matcher meter = METER.matcher(source);
        while (meter.find()) {
            String name = meter.group(2).replace('.', '_');
            Matcher unit = BASE_UNIT.matcher(meter.group(3));
            if (unit.find()) {
                name += "_" + unit.group(1);
            }
            names.add(meter.group(1).equals("FunctionCounter") ? name + "_total" : name);
        }
        assertThat(names).as("meters found in OutboxMetrics").hasSizeGreaterThanOrEqualTo(5);
        return names;
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
