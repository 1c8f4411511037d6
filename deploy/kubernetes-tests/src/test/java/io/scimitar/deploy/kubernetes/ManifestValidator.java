package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates rendered objects offline: core kinds against the Kubernetes API schema, custom resources against their
 * operator's CRD; any other kind is an error, so nothing goes unchecked.
 */
final class ManifestValidator {

    private final CrdSchemas crds = CrdSchemas.load();

    /** Every problem of every object, each prefixed with the object's kind and name; empty when all are valid. */
    List<String> validate(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            for (String problem : validate(object)) {
                problems.add(Kustomize.describe(object) + ": " + problem);
            }
        }
        return problems;
    }

    List<String> validate(JsonNode object) {
        if (KubernetesApiSchema.knows(object)) {
            return KubernetesApiSchema.validate(object);
        }
        if (crds.knows(object)) {
            return crds.validate(object);
        }
        return List.of("no schema for " + object.path("apiVersion").asText() + " " + object.path("kind").asText()
                + " (neither a core kind known to client-java-api nor a CRD in " + Repository.crds() + ")");
    }
}
