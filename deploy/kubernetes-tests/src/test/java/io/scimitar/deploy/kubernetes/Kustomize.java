package io.scimitar.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Renders a kustomize directory with {@code kubectl kustomize} (offline) into its objects. */
final class Kustomize {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The objects {@code deploy/kubernetes/<directory>} renders to; fails when kubectl is missing or refuses it. */
    static List<JsonNode> render(String directory) {
        return RENDERED.computeIfAbsent(Repository.kubernetes().resolve(directory), Kustomize::run);
    }

    static List<JsonNode> parse(String yaml) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> objects = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode object = documents.next();
                if (object != null && !object.isNull() && !object.isMissingNode()) {
                    objects.add(object);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> run(Path directory) {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", directory.toString()).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render deploy/kubernetes (kubectl kustomize) and "
                    + "was not found on the PATH: install the kubectl package (client 1.32 or later)", e);
        }
        try {
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed: "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process.destroy();
        }
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
