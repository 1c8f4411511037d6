package io.scimitar.mock.patch;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.schema.ScimSchemas;

import java.util.List;

/** A SCIM PatchOp message (RFC 7644 §3.5.2). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatchRequest(List<String> schemas, @JsonProperty("Operations") @JsonAlias("operations") List<PatchOperation> operations) {

    /** Reads and checks a PatchOp body: the PatchOp schema and at least one operation. */
    public static PatchRequest read(ScimJson json, byte[] body) {
        ObjectNode node = json.parseObject(body);
        PatchRequest request = json.convert(node, PatchRequest.class);
        if (request.schemas() == null || request.schemas().stream().noneMatch(ScimSchemas.PATCH_OP::equalsIgnoreCase)) {
            throw ScimException.invalidSyntax("schemas must contain " + ScimSchemas.PATCH_OP);
        }
        if (request.operations() == null || request.operations().isEmpty()) {
            throw ScimException.invalidSyntax("Operations must contain at least one operation");
        }
        for (PatchOperation operation : request.operations()) {
            if (operation == null || operation.op() == null) {
                throw ScimException.invalidSyntax("Each operation needs an 'op'");
            }
            PatchOperationType.of(operation.op());
        }
        return request;
    }
}
