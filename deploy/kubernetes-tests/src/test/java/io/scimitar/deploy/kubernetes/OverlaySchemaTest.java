package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay renders with kubectl kustomize, and every object it renders is valid for its API. */
class OverlaySchemaTest {

    private static final ManifestValidator VALIDATOR = new ManifestValidator();

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void everyRenderedObjectValidatesAgainstTheKubernetesApiAndTheOperatorsCrds(String overlay) {
        List<JsonNode> objects = Kustomize.render(overlay);

        assertThat(objects).extracting(o -> o.path("kind").asText())
                .contains("Deployment", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster",
                        "ScaledObject", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy");
        assertThat(VALIDATOR.validate(objects)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/production"})
    void everyObjectLandsInTheScimitarNamespace(String overlay) {
        assertThat(Kustomize.render(overlay))
                .filteredOn(o -> !o.path("kind").asText().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText())
                        .as(Kustomize.describe(o)).isEqualTo("scimitar"));
    }
}
