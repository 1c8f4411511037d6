package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core Kubernetes API's schema, offline: Kubernetes' own Java client (client-java-api 24, generated from the
 * Kubernetes 1.32 OpenAPI document) reads each object into its model class, which refuses a field the API does not
 * have, a required field that is missing and a value of the wrong type, at any depth.
 */
final class KubernetesApiSchema {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    /** apiVersion/kind to model class: the kinds Scimitar's manifests may use. */
    private static final Map<String, String> MODELS_BY_KIND = Map.ofEntries(
            Map.entry("v1/Namespace", "V1Namespace"),
            Map.entry("v1/ConfigMap", "V1ConfigMap"),
            Map.entry("v1/Secret", "V1Secret"),
            Map.entry("v1/Service", "V1Service"),
            Map.entry("v1/ServiceAccount", "V1ServiceAccount"),
            Map.entry("apps/v1/Deployment", "V1Deployment"),
            Map.entry("policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "V1NetworkPolicy"));

    private KubernetesApiSchema() {
    }

    static boolean knows(JsonNode object) {
        return MODELS_BY_KIND.containsKey(key(object));
    }

    /** The object's problems, empty when it is valid; only for objects {@link #knows} . */
    static List<String> validate(JsonNode object) {
        return validate(MODELS + MODELS_BY_KIND.get(key(object)), object.toString());
    }

    /** Validates object metadata (CRD schemas leave it to the API server). */
    static List<String> validateMetadata(JsonNode metadata) {
        return validate(MODELS + "V1ObjectMeta", metadata.toString());
    }

    private static List<String> validate(String model, String json) {
        try {
            Method fromJson = Class.forName(model).getMethod("fromJson", String.class);
            fromJson.invoke(null, json);
            return List.of();
        } catch (InvocationTargetException e) {
            Throwable problem = e.getCause();
            return List.of(Optional.ofNullable(problem.getMessage()).orElse(problem.toString()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("No model " + model + " in client-java-api", e);
        }
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }
}
