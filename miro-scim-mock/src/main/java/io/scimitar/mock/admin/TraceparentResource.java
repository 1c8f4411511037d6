package io.scimitar.mock.admin;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Test-control API: the {@code traceparent} headers the SCIM endpoints received ({@link ReceivedTraceparents}). */
@Path("/admin/traceparents")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Admin (test control)")
@Produces(MediaType.APPLICATION_JSON)
public class TraceparentResource {

    private final ReceivedTraceparents traceparents;

    public TraceparentResource(ReceivedTraceparents traceparents) {
        this.traceparents = traceparents;
    }

    @GET
    @NonBlocking
    @Operation(summary = "The traceparent headers of the last 1,000 SCIM requests that carried one, oldest first")
    public List<String> recent() {
        return traceparents.recent();
    }

    @DELETE
    @NonBlocking
    @Operation(summary = "Forget the traceparent headers received")
    public Response clear() {
        traceparents.clear();
        return Response.noContent().build();
    }
}
