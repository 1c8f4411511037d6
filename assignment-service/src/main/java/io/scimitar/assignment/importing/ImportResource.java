package io.scimitar.assignment.importing;

import io.scimitar.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.scimitar.assignment.error.PayloadTooLargeException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Bulk import of users, groups, memberships and assignments as JSON lines or CSV. The body is read while the
 * response is written: {"results": [one result per row, in order], "summary": {...}}.
 */
@Path("/api/v1/import/{kind}")
@Tag(name = "import")
@RolesAllowed(ApiRoles.ADMIN)
public class ImportResource {

    static final String JSON_LINES = "application/x-ndjson";
    static final String JSONL = "application/jsonl";
    static final String CSV = "text/csv";

    private final BulkImporter importer;
    private final ImportConfig config;
    private final ObjectMapper json;

    public ImportResource(BulkImporter importer, ImportConfig config, ObjectMapper json) {
        this.importer = importer;
        this.config = config;
        this.json = json;
    }

    @POST
    @Consumes({JSON_LINES, JSONL, CSV})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import users, groups, memberships or assignments (JSON lines or CSV), with a result per row;"
            + " mode=merge (default) keeps the fields a row leaves out, mode=replace clears them")
    public Response importRows(@PathParam("kind") String kindName,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, @QueryParam("mode") String modeName,
            InputStream body) {
        ImportKind kind = ImportKind.of(kindName);
        ImportMode mode = ImportMode.of(modeName, kind);
        if (contentLength == null) {
            throw new WebApplicationException("A bulk request must declare its Content-Length", 411);
        }
        if (contentLength > config.maxBytes()) {
            throw new PayloadTooLargeException("A bulk request may hold at most " + config.maxBytes()
                    + " bytes; this one has " + contentLength + ". Split it into several requests.");
        }
        boolean csv = contentType != null && contentType.toLowerCase().startsWith(CSV);
        StreamingOutput output = out -> {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 65536);
            RowReader rows = csv ? new CsvReader(reader, json, config.maxRowLength())
                    : new JsonLinesReader(reader, json, config.maxRowLength());
            ObjectWriter rowWriter = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
            try (JsonGenerator generator = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart("results");
                ImportSummary summary = importer.run(kind, mode, rows, result -> {
                    try {
                        rowWriter.writeValue(generator, result);
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                generator.writeEndArray();
                generator.writeObjectField("summary", Map.of("rows", summary.rows(), "byStatus", summary.byStatus()));
                generator.writeEndObject();
            }
        };
        return Response.ok(output, MediaType.APPLICATION_JSON).build();
    }
}
