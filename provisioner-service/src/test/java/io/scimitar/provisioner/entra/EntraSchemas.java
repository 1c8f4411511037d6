package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The synchronization schemas of {@code src/test/resources/entra} (their sources are named in its README). */
final class EntraSchemas {

    static final String SALESFORCE = "graph-salesforce-user-mapping.json";
    static final String MIRO_GALLERY = "miro-gallery-schema.json";
    static final String GENERIC_SCIM = "generic-scim-schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EntraSchemas() {
    }

    static JsonNode load(String name) {
        try (InputStream in = EntraSchemas.class.getResourceAsStream("/entra/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
