package io.scimitar.provisioner.job;

import io.scimitar.provisioner.configuration.JobStatus;
import io.scimitar.provisioner.connection.ConnectionTestResult;
import io.scimitar.provisioner.connection.ConnectionTester;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.rules.mapping.MatchingAttribute;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.UUID;

/** Provisioning jobs: create, read, replace, delete, turn on and off, and their live progress. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@RolesAllowed(ApiRoles.ADMIN)
public class JobResource {

    private final JobService jobs;
    private final ConnectionTester connections;
    private final JobProgressReporter progress;

    public JobResource(JobService jobs, ConnectionTester connections,
            JobProgressReporter progress) {
        this.jobs = jobs;
        this.connections = connections;
        this.progress = progress;
    }

    @GET
    @Operation(summary = "Lists every job")
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    public Uni<List<JobResponse>> list() {
        return jobs.list().map(all -> all.stream().map(jobs::toResponse).toList());
    }

    @POST
    @Operation(summary = "Creates a job; omitted user and group settings take the connector profile's defaults")
    public Uni<Response> create(JobRequest request, UriInfo uri) {
        return jobs.create(request).map(job -> Response.created(uri.getAbsolutePathBuilder()
                        .path(job.id.toString()).build())
                .tag(Long.toString(job.version)).entity(jobs.toResponse(job)).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Reads a job; the secret token shows only as set or not set")
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    public Uni<Response> get(@RestPath UUID id) {
        return jobs.get(id).map(job -> Response.ok(jobs.toResponse(job)).tag(Long.toString(job.version)).build());
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replaces a job's settings; If-Match with the job's version guards against lost updates")
    public Uni<Response> replace(@RestPath UUID id, @HeaderParam("If-Match") String ifMatch, JobRequest request) {
        return jobs.replace(id, request, version(ifMatch))
                .map(job -> Response.ok(jobs.toResponse(job)).tag(Long.toString(job.version)).build());
    }

    @POST
    @Path("{id}/start")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Turns provisioning on: events held while off are applied")
    public Uni<JobResponse> start(@RestPath UUID id) {
        return jobs.setStatus(id, JobStatus.ON).map(jobs::toResponse);
    }

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Turns provisioning off: events keep arriving and wait for the job to be turned on")
    public Uni<JobResponse> pause(@RestPath UUID id) {
        return jobs.setStatus(id, JobStatus.OFF).map(jobs::toResponse);
    }

    @GET
    @Path("{id}/progress")
    @Operation(summary = "A job's progress: the topic's events behind its committed position, objects in scope and "
            + "done, the current run's counts, rates and time left, and its statistics to date")
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    public Uni<ProgressResponse> progress(@RestPath UUID id) {
        return jobs.definition(id).chain(progress::report);
    }

    @POST
    @Path("{id}/test-connection")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Tests a stored job's tenant URL and secret token as Entra's Test Connection does")
    public Uni<ConnectionTestResult> testConnection(@RestPath UUID id) {
        return jobs.get(id).map(jobs::definition).chain(job -> connections.test(job.tenantUrl(), job.secretToken(),
                job.userMappings().matchingAttributes().stream().findFirst().map(MatchingAttribute::target)
                        .orElse("userName"), job.groups().enabled()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Deletes a job with its links and state (its provisioning log stays)")
    public Uni<Response> delete(@RestPath UUID id) {
        return jobs.delete(id).replaceWith(Response.noContent().build());
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim().replace("W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "Invalid request", "If-Match must be the job's version as its ETag "
                    + "gives it, not '" + ifMatch + "'", List.of());
        }
    }
}
