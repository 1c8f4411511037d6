package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.scimitar.deploy.kubernetes.ServiceConfigurationMatchTest.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Deployment of every overlay has: a locked-down security context, requests and limits, three probes,
 * a disruption budget, topology spread, and network policies that deny by default.
 */
class DeploymentHardeningTest {

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void everyContainerRunsLockedDown(String overlay) {
        for (JsonNode deployment : of(Kustomize.render(overlay), "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(pod.path("topologySpreadConstraints")).as(Kustomize.describe(deployment)).isNotEmpty();
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
                assertThat(security.at("/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
                assertThat(security.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
                String tmpVolume = mountedAt(container, "/tmp");
                assertThat(pod.path("volumes")).anySatisfy(volume -> {
                    assertThat(volume.path("name").asText()).isEqualTo(tmpVolume);
                    assertThat(volume.has("emptyDir")).isTrue();
                });
                for (String kind : List.of("requests", "limits")) {
                    assertThat(container.at("/resources/" + kind + "/cpu").asText()).as(kind).isNotEmpty();
                    assertThat(container.at("/resources/" + kind + "/memory").asText()).as(kind).isNotEmpty();
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertThat(container.has(probe)).as(probe).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void everyDeploymentHasADisruptionBudget(String overlay) {
        List<JsonNode> objects = Kustomize.render(overlay);
        List<JsonNode> budgets = of(objects, "PodDisruptionBudget");
        for (JsonNode deployment : of(objects, "Deployment")) {
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            assertThat(budgets).as(Kustomize.describe(deployment)).anySatisfy(budget ->
                    budget.at("/spec/selector/matchLabels").fields().forEachRemaining(label ->
                            assertThat(labels.path(label.getKey()).asText()).isEqualTo(label.getValue().asText())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void trafficIsDeniedUnlessAllowed(String overlay) {
        List<JsonNode> policies = of(Kustomize.render(overlay), "NetworkPolicy");

        assertThat(policies).anySatisfy(policy -> {
            assertThat(policy.at("/spec/podSelector").isEmpty()).isTrue();
            assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).contains("Ingress");
            assertThat(policy.at("/spec/ingress").isMissingNode()).isTrue();
        });
        assertThat(policies).anySatisfy(policy -> {
            assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1part-of").asText())
                    .isEqualTo("scimitar");
            assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactly("Egress");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void theAutoscalersOwnTheReplicaCounts(String overlay) {
        List<JsonNode> objects = Kustomize.render(overlay);

        assertThat(of(objects, "HorizontalPodAutoscaler")).extracting(h -> h.at("/spec/scaleTargetRef/name").asText())
                .containsExactly("assignment-service");
        assertThat(of(objects, "ScaledObject")).extracting(s -> s.at("/spec/scaleTargetRef/name").asText())
                .containsExactly("provisioner-service");
        assertThat(of(objects, "Deployment")).filteredOn(d -> !d.at("/metadata/name").asText()
                .equals("miro-scim-mock")).allSatisfy(d -> assertThat(d.at("/spec/replicas").isMissingNode())
                .as("%s: an apply must not reset the autoscaler's count", Kustomize.describe(d)).isTrue());
    }

    private static String mountedAt(JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                return mount.path("name").asText();
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no volume at " + path);
    }
}
