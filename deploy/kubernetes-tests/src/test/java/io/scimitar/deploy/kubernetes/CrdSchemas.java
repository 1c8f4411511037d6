package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operators' custom resources, validated against the {@code openAPIV3Schema} of their CRDs (read from
 * {@link Repository#crds()}) with a JSON-schema validator. Like {@code kubectl apply} with strict field validation,
 * a field the schema does not declare is an error (unless the schema preserves unknown fields). CEL rules
 * ({@code x-kubernetes-validations}) are not evaluated: only an API server does that.
 */
final class CrdSchemas {

    private static final YAMLMapper YAML = new YAMLMapper();
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    private CrdSchemas(Path folder) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode crd : Kustomize.parse(Files.readString(file))) {
                    if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                        continue;
                    }
                    String group = crd.path("spec").path("group").asText();
                    String kind = crd.path("spec").path("names").path("kind").asText();
                    for (JsonNode version : crd.path("spec").path("versions")) {
                        if (!version.path("served").asBoolean()) {
                            continue;
                        }
                        ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                        refuseUndeclaredFields(schema);
                        // metadata is the API server's: validated as ObjectMeta instead
                        ((ObjectNode) schema.path("properties")).set("metadata", YAML.createObjectNode()
                                .put("type", "object"));
                        schemas.put(group + "/" + version.path("name").asText() + "/" + kind,
                                factory.getSchema(schema));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CRDs in " + folder, e);
        }
        if (schemas.isEmpty()) {
            throw new IllegalStateException("No CustomResourceDefinition in " + folder);
        }
    }

    static CrdSchemas load() {
        return new CrdSchemas(Repository.crds());
    }

    boolean knows(JsonNode object) {
        return schemas.containsKey(key(object));
    }

    List<String> validate(JsonNode object) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schemas.get(key(object)).validate(object)) {
            problems.add(message.getMessage());
        }
        problems.addAll(KubernetesApiSchema.validateMetadata(object.path("metadata")));
        return problems;
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    private static void refuseUndeclaredFields(JsonNode schema) {
        if (schema instanceof ObjectNode node) {
            if (node.has("properties") && !node.has("additionalProperties")
                    && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                node.put("additionalProperties", false);
            }
        }
        for (Iterator<JsonNode> children = schema.elements(); children.hasNext(); ) {
            refuseUndeclaredFields(children.next());
        }
    }
}
