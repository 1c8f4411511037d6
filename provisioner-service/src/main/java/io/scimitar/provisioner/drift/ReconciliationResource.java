package io.scimitar.provisioner.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.error.QueryNumbers;
import io.scimitar.provisioner.log.LogCsvWriter;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reconciliations of a job: start one, follow it, read and download its report, cancel it. */
@Path("/api/v1/jobs/{id}/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@RolesAllowed(ApiRoles.ADMIN)
public class ReconciliationResource {

    static final int MAX_LIMIT = 1000;
    static final String CSV_HEADER = "Kind,Object type,Source ID,Target ID,Display name,Attribute,Expected,Found,"
            + "Detail,Outcome";

    private final JobLookup jobs;
    private final ReconciliationRunner runner;
    private final ReconciliationRepository repository;
    private final ObjectMapper json;

    public ReconciliationResource(JobLookup jobs, ReconciliationRunner runner, ReconciliationRepository repository,
            ObjectMapper json) {
        this.jobs = jobs;
        this.runner = runner;
        this.repository = repository;
        this.json = json;
    }

    /** What to start: {@code mode} REPORT (the default) or REPAIR, and per kind of drift a policy for repair. */
    public record StartBody(ReconciliationMode mode, RepairPolicies policies) {
    }

    /** One page of a report's differences. */
    public record DifferencePage(UUID reconciliationId, int offset, int limit, List<Difference> differences) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Starts a reconciliation: reads the target's users and groups within the job's rate limits "
            + "and compares them with the directory; mode REPORT (default) or REPAIR with per-kind policies. "
            + "Answers 202 with the reconciliation, to follow at its Location")
    public Uni<Response> start(@RestPath UUID id, String text) throws JsonProcessingException {
        StartBody body = text == null || text.isBlank() ? null : json.readValue(text, StartBody.class);
        ReconciliationMode mode = body == null || body.mode() == null ? ReconciliationMode.REPORT : body.mode();
        RepairPolicies policies = body == null || body.policies() == null ? RepairPolicies.DEFAULTS
                : body.policies();
        return jobs.definition(id).chain(job -> runner.start(job, mode, policies, "api"))
                .map(started -> Response.accepted(started)
                        .location(URI.create("/api/v1/jobs/" + id + "/reconciliations/" + started.id())).build());
    }

    @GET
    @Operation(summary = "The job's reconciliations, newest first")
    public Uni<List<Reconciliation>> list(@RestPath UUID id, @QueryParam("limit") @DefaultValue("50") String limit) {
        int size = number("limit", limit, 1, MAX_LIMIT);
        return jobs.requireExists(id).chain(() -> repository.list(id, size));
    }

    @GET
    @Path("{rid}")
    @Operation(summary = "A reconciliation: its status, its progress while running, the differences found and "
            + "repaired per kind")
    public Uni<Reconciliation> get(@RestPath UUID id, @RestPath UUID rid) {
        return find(id, rid);
    }

    @GET
    @Path("{rid}/differences")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "The differences of a reconciliation in the order found, paged (offset, limit, kind); "
            + "format=csv downloads them all as CSV")
    public Uni<Response> differences(@RestPath UUID id, @RestPath UUID rid, @QueryParam("kind") String kind,
            @QueryParam("offset") @DefaultValue("0") String offset,
            @QueryParam("limit") @DefaultValue("100") String limit,
            @QueryParam("format") @DefaultValue("json") String format) {
        List<FieldError> errors = new ArrayList<>();
        DriftKind kindValue = kind(kind, errors);
        Long from = QueryNumbers.parse("offset", offset, 0, Integer.MAX_VALUE, errors);
        Long size = QueryNumbers.parse("limit", limit, 1, MAX_LIMIT, errors);
        if (!format.equals("json") && !format.equals("csv")) {
            errors.add(new FieldError("format", "must be 'json' or 'csv'", null));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (format.equals("csv")) {
            return find(id, rid).chain(found -> all(rid, kindValue, 0, new StringBuilder(CSV_HEADER).append('\n')))
                    .map(csv -> Response.ok(csv.toString(), "text/csv").header("Content-Disposition",
                            "attachment; filename=\"reconciliation-" + rid + ".csv\"").build());
        }
        int first = from == null ? 0 : from.intValue();
        int count = size == null ? 100 : size.intValue();
        return find(id, rid).chain(found -> repository.differences(rid, kindValue, first, count))
                .map(page -> Response.ok(new DifferencePage(rid, first, count, page), MediaType.APPLICATION_JSON)
                        .build());
    }

    @DELETE
    @Path("{rid}")
    @Operation(summary = "Cancels a running reconciliation (the differences found so far are kept); 409 when it is not "
            + "running")
    public Uni<Reconciliation> delete(@RestPath UUID id, @RestPath UUID rid) {
        return cancel(id, rid);
    }

    @POST
    @Path("{rid}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancels a running reconciliation; 409 when it is not running")
    public Uni<Reconciliation> cancel(@RestPath UUID id, @RestPath UUID rid) {
        return find(id, rid).chain(found -> runner.cancel(id, rid)).chain(done -> {
            if (!done) {
                throw ProblemException.conflict("Reconciliation " + rid + " is not running");
            }
            return find(id, rid);
        });
    }

    private Uni<Reconciliation> find(UUID id, UUID rid) {
        return jobs.requireExists(id).chain(() -> repository.find(id, rid)).map(found -> found.orElseThrow(() ->
                ProblemException.notFound("Reconciliation " + rid + " of job " + id)));
    }

    private Uni<StringBuilder> all(UUID rid, DriftKind kind, int offset, StringBuilder csv) {
        return repository.differences(rid, kind, offset, MAX_LIMIT).chain(page -> {
            page.forEach(d -> csv.append(String.join(",", LogCsvWriter.cell(d.kind()), LogCsvWriter.cell(
                    d.objectType()), LogCsvWriter.cell(d.sourceId()), LogCsvWriter.cell(d.targetId()),
                    LogCsvWriter.cell(d.displayName()), LogCsvWriter.cell(d.attribute()),
                    LogCsvWriter.cell(d.expected()), LogCsvWriter.cell(d.found()), LogCsvWriter.cell(d.detail()),
                    LogCsvWriter.cell(d.outcome()))).append('\n'));
            return page.size() < MAX_LIMIT ? Uni.createFrom().item(csv) : all(rid, kind, offset + MAX_LIMIT, csv);
        });
    }

    private static DriftKind kind(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DriftKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("kind", "must be one of attribute, state, missing, orphan, membership", null));
            return null;
        }
    }

    private static int number(String name, String value, long min, long max) {
        List<FieldError> errors = new ArrayList<>();
        Long parsed = QueryNumbers.parse(name, value, min, max, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return parsed == null ? 50 : parsed.intValue();
    }
}
