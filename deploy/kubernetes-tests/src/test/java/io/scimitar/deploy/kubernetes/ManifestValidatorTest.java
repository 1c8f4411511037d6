package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The validation catches broken manifests: each test breaks one rendered object in one place. */
class ManifestValidatorTest {

    private static final ManifestValidator VALIDATOR = new ManifestValidator();

    @Test
    void refusesAMisspelledFieldDeepInADeployment() {
        ObjectNode deployment = copy("Deployment", "assignment-service");
        ObjectNode security = (ObjectNode) deployment.at("/spec/template/spec/containers/0/securityContext");
        security.set("runAsNonroot", security.remove("runAsNonRoot"));

        assertThat(VALIDATOR.validate(deployment)).singleElement().asString().contains("runAsNonroot");
    }

    @Test
    void refusesAValueOfTheWrongType() {
        ObjectNode deployment = copy("Deployment", "provisioner-service");
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "eighty");

        assertThat(VALIDATOR.validate(deployment)).isNotEmpty();
    }

    @Test
    void refusesAMissingRequiredField() {
        ObjectNode deployment = copy("Deployment", "assignment-service");
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).remove("name");

        assertThat(VALIDATOR.validate(deployment)).singleElement().asString().contains("name");
    }

    @Test
    void refusesAMisspelledFieldInAKafkaTopic() {
        ObjectNode topic = copy("KafkaTopic", "scimitar.assignment-events");
        ((ObjectNode) topic.path("spec")).set("partitons", ((ObjectNode) topic.path("spec")).remove("partitions"));

        assertThat(VALIDATOR.validate(topic)).anySatisfy(problem -> assertThat(problem).contains("partitons"));
    }

    @Test
    void refusesAWrongTypeInAScaledObject() {
        ObjectNode scaledObject = copy("ScaledObject", "provisioner-service");
        ((ObjectNode) scaledObject.path("spec")).put("maxReplicaCount", "one");

        assertThat(VALIDATOR.validate(scaledObject)).anySatisfy(problem -> assertThat(problem)
                .contains("maxReplicaCount"));
    }

    @Test
    void refusesAValueOutsideTheCrdsEnumeration() {
        ObjectNode user = copy("KafkaUser", "provisioner-service");
        ((ObjectNode) user.at("/spec/authentication")).put("type", "scram-sha-256");

        assertThat(VALIDATOR.validate(user)).anySatisfy(problem -> assertThat(problem).contains("type"));
    }

    @Test
    void refusesAMisspelledMetadataFieldOfACustomResource() {
        ObjectNode cluster = copy("Cluster", "scimitar-provisioner-db");
        ((ObjectNode) cluster.path("metadata")).put("lables", "x");

        assertThat(VALIDATOR.validate(cluster)).anySatisfy(problem -> assertThat(problem).contains("lables"));
    }

    @Test
    void refusesAKindItHasNoSchemaFor() {
        ObjectNode unknown = copy("Deployment", "assignment-service");
        unknown.put("apiVersion", "apps/v1beta1");

        assertThat(VALIDATOR.validate(unknown)).singleElement().asString().contains("no schema for apps/v1beta1");
    }

    private static ObjectNode copy(String kind, String name) {
        List<JsonNode> objects = Kustomize.render("overlays/dev");
        JsonNode object = objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in overlays/dev"));
        ObjectNode copy = object.deepCopy();
        assertThat(VALIDATOR.validate(copy)).as("the unbroken " + kind).isEmpty();
        return copy;
    }
}
