package io.scimitar.provisioner.console;

import io.scimitar.provisioner.job.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.UUID;

/**
 * Answers 404 (problem+json) for the progress stream of an unknown job before the stream begins: once an event
 * stream has started, its status can no longer change.
 */
public class StreamedJobCheck {

    private final JobService jobs;

    public StreamedJobCheck(JobService jobs) {
        this.jobs = jobs;
    }

    @ServerRequestFilter
    public Uni<Response> requireTheJob(SimpleResourceInfo resource, UriInfo uri) {
        if (resource.getResourceClass() != ProgressStreamResource.class) {
            return Uni.createFrom().nullItem();
        }
        UUID id;
        try {
            id = UUID.fromString(uri.getPathParameters().getFirst("id"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().nullItem();
        }
        return jobs.requireExists(id).replaceWith((Response) null);
    }
}
