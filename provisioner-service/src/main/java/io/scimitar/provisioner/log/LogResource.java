package io.scimitar.provisioner.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.error.QueryNumbers;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A job's provisioning log: query and page through it, or export it as CSV. */
@Path("/api/v1/jobs/{id}/logs")
@Tag(name = "Provisioning logs")
@RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
public class LogResource {

    /** Most entries one export holds. */
    static final int MAX_EXPORT = 100_000;

    /** Entries on one page when the query does not say. */
    static final int DEFAULT_LIMIT = 100;

    private final ProvisioningLogRepository log;
    private final JobLookup jobs;
    private final ObjectMapper json;

    public LogResource(ProvisioningLogRepository log, JobLookup jobs, ObjectMapper json) {
        this.log = log;
        this.jobs = jobs;
        this.json = json;
    }

    /** One page of entries and the cursor of the next page (null on the last page). */
    public record LogPage(List<ProvisioningLogEntry> entries, Long nextCursor) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Entries newest first, filtered by identity, status, action, time range, cycle or change")
    public Uni<LogPage> query(@RestPath UUID id, @QueryParam("identity") String identity,
            @QueryParam("status") String status, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cycleId") String cycleId,
            @QueryParam("changeId") String changeId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        LogQuery query = toQuery(id, identity, status, action, from, to, cycleId, changeId, cursor, limit);
        return jobs.requireExists(id).chain(() -> log.find(query)).map(entries -> new LogPage(entries,
                entries.size() < query.limit() ? null : entries.get(entries.size() - 1).id()));
    }

    @GET
    @Path("export")
    @Operation(summary = "The matching entries as CSV: format=joined (one file) or format=entra (three files, zipped); "
            + "or format=graph: JSON as Microsoft Graph's provisioningObjectSummary collection")
    public Uni<Response> export(@RestPath UUID id, @QueryParam("format") @DefaultValue("joined") String format,
            @QueryParam("identity") String identity, @QueryParam("status") String status,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cycleId") String cycleId, @QueryParam("changeId") String changeId) {
        if (!format.equals("joined") && !format.equals("entra") && !format.equals("graph")) {
            throw ProblemException.invalid(List.of(new FieldError("format", "must be 'joined', 'entra' or 'graph'",
                    null)));
        }
        LogQuery base = toQuery(id, identity, status, action, from, to, cycleId, changeId, null,
                Integer.toString(LogQuery.MAX_LIMIT));
        if (format.equals("graph")) {
            return jobs.definition(id).chain(job -> all(base, new ArrayList<>()).map(entries -> Response.ok(
                            ProvisioningObjectSummaryWriter.collection(entries,
                            ProvisioningObjectSummaryWriter.JobLabel.of(job), json), MediaType.APPLICATION_JSON)
                    .header("Content-Disposition", "attachment; filename=\"provisioning-logs-" + id + ".json\"")
                    .build()));
        }
        return jobs.requireExists(id).chain(() -> all(base, new ArrayList<>())).map(entries -> format.equals("joined")
                ? Response.ok(LogCsvWriter.joined(entries, json), "text/csv")
                        .header("Content-Disposition", "attachment; filename=\"provisioning-logs-" + id + ".csv\"")
                        .build()
                : Response.ok(LogCsvWriter.entraZip(entries, json), "application/zip")
                        .header("Content-Disposition", "attachment; filename=\"provisioning-logs-" + id + ".zip\"")
                        .build());
    }

    private Uni<List<ProvisioningLogEntry>> all(LogQuery query, List<ProvisioningLogEntry> collected) {
        return log.find(query).chain(page -> {
            collected.addAll(page);
            if (page.size() < query.limit() || collected.size() >= MAX_EXPORT) {
                return Uni.createFrom().item(collected);
            }
            return all(new LogQuery(query.jobId(), query.identity(), query.status(), query.action(), query.from(),
                    query.to(), query.cycleId(), query.changeId(), page.get(page.size() - 1).id(), query.limit()),
                    collected);
        });
    }

    private static LogQuery toQuery(UUID id, String identity, String status, String action, String from, String to,
            String cycleId, String changeId, String cursor, String limit) {
        List<FieldError> errors = new ArrayList<>();
        if (identity != null && identity.indexOf('\u0000') >= 0) {
            errors.add(new FieldError("identity", "must not contain a NUL character", null));
        }
        ProvisioningStatus statusValue = parseEnum(ProvisioningStatus.class, "status", status, errors);
        ProvisioningAction actionValue = parseEnum(ProvisioningAction.class, "action", action, errors);
        Instant fromValue = parseInstant("from", from, errors);
        Instant toValue = parseInstant("to", to, errors);
        UUID cycle = parseUuid("cycleId", cycleId, errors);
        UUID change = parseUuid("changeId", changeId, errors);
        Long before = QueryNumbers.parse("cursor", cursor, 1, Long.MAX_VALUE, errors);
        Long size = QueryNumbers.parse("limit", limit, 1, LogQuery.MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new LogQuery(id, identity, statusValue, actionValue, fromValue, toValue, cycle, change, before,
                size == null ? DEFAULT_LIMIT : size.intValue());
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT), null));
            return null;
        }
    }

    private static Instant parseInstant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-11-28T10:00:00Z", null));
            return null;
        }
    }

    private static UUID parseUuid(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a UUID", null));
            return null;
        }
    }
}
