package io.scimitar.provisioner.console;

import io.scimitar.provisioner.job.JobProgressReporter;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.provisioner.job.ProgressResponse;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.util.UUID;

/** A job's progress pushed as server-sent events: the body of {@code GET /progress}, once per interval. */
@Path("/api/v1/jobs/{id}/progress/stream")
@Tag(name = "Jobs")
@RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
public class ProgressStreamResource {

    private final JobService jobs;
    private final JobProgressReporter progress;
    private final ConsoleSettings settings;

    public ProgressStreamResource(JobService jobs, JobProgressReporter progress, ConsoleSettings settings) {
        this.jobs = jobs;
        this.progress = progress;
        this.settings = settings;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's progress as server-sent events (text/event-stream), one event per interval, each "
            + "the body of GET /progress; ends when the caller disconnects. 404 for an unknown job")
    public Multi<ProgressResponse> stream(@RestPath UUID id) {
        // Each report reads PostgreSQL through Hibernate Reactive, which must run on the request's own context.
        // An unknown job was answered 404 by StreamedJobCheck before the stream began; one deleted meanwhile ends it.
        Context request = Vertx.currentContext();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(settings.progressInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> onContext(request, id))
                .onFailure().recoverWithCompletion();
    }

    private Uni<ProgressResponse> onContext(Context request, UUID id) {
        return Uni.createFrom().emitter(emitter -> request.runOnContext(ignored ->
                jobs.definition(id).chain(progress::report).subscribe().with(emitter::complete, emitter::fail)));
    }
}
