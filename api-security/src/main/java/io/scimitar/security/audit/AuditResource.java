package io.scimitar.security.audit;

import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The audit trail of this service's writes, for admins: newest first, filtered, keyset-paged. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(ApiRoles.ADMIN)
public class AuditResource {

    private final AuditRepository repository;

    public AuditResource(AuditRepository repository) {
        this.repository = repository;
    }

    @GET
    @Operation(summary = "Who changed what: the writes to /api, newest first (since inclusive, until exclusive)")
    public Uni<AuditPage> list(@QueryParam("actor") String actor, @QueryParam("resourceType") String resourceType,
            @QueryParam("resourceId") String resourceId, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        AuditQuery query = AuditQuery.of(actor, resourceType, resourceId, since, until, limit, after);
        return repository.find(query).map(found -> page(found, query.limit()));
    }

    private static AuditPage page(List<AuditRecord> found, int limit) {
        if (found.size() <= limit) {
            return new AuditPage(found, null);
        }
        List<AuditRecord> items = List.copyOf(found.subList(0, limit));
        return new AuditPage(items, String.valueOf(items.get(limit - 1).id()));
    }
}
