package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.job.JobRequest;
import io.scimitar.provisioner.job.JobResponse;
import io.scimitar.provisioner.job.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates and updates jobs from Entra synchronization schemas and exports jobs as schemas, through {@link JobService}
 * (so every job rule, guard and restart applies); a job setting the job API refuses is named by its pointer in the
 * document.
 */
@ApplicationScoped
public class EntraSchemaService {

    private final JobService jobs;

    public EntraSchemaService(JobService jobs) {
        this.jobs = jobs;
    }

    public Uni<Created> create(EntraSchemaImport body) {
        JobRequest connection = requireConnection(body);
        if (connection.profile() == null) {
            throw ProblemException.invalid(List.of(new FieldError("connection.profile", "the connector profile "
                    + "(MIRO or GENERIC_SCIM) is needed to read the schema", null)));
        }
        ImportedSchema imported = SchemaImporter.read(body.synchronizationSchema(), connection.profile());
        return jobs.create(withRules(connection, imported))
                .onFailure(ProblemException.class).transform(e -> named((ProblemException) e, imported))
                .map(entity -> new Created(entity.id, entity.version,
                        new EntraImportAnswer(jobs.toResponse(entity), imported.report())));
    }

    public Uni<Created> replace(UUID id, Long version, EntraSchemaImport body) {
        if (body == null || body.synchronizationSchema() == null) {
            throw ProblemException.invalid(List.of(new FieldError("synchronizationSchema", "the synchronization "
                    + "schema is required", null)));
        }
        requireNoRules(body.connection());
        return jobs.get(id).map(jobs::toResponse).chain(stored -> {
            JobRequest connection = merged(body.connection(), stored);
            ImportedSchema imported = SchemaImporter.read(body.synchronizationSchema(), connection.profile());
            return jobs.replace(id, withRules(connection, imported), version)
                    .onFailure(ProblemException.class).transform(e -> named((ProblemException) e, imported))
                    .map(entity -> new Created(entity.id, entity.version,
                            new EntraImportAnswer(jobs.toResponse(entity), imported.report())));
        });
    }

    public Uni<ObjectNode> export(UUID id) {
        return jobs.get(id).map(jobs::toResponse)
                .map(job -> SchemaExporter.export(job.profile(), job.users(), job.groups()));
    }

    /** A job created or changed by an import, with its version for the ETag. */
    public record Created(UUID id, long version, EntraImportAnswer answer) {
    }

    private static JobRequest requireConnection(EntraSchemaImport body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || body.connection() == null) {
            errors.add(new FieldError("connection", "the job's connection settings (name, applicationId, profile, "
                    + "tenantUrl, secretToken, ...) are required to create a job", null));
        }
        if (body == null || body.synchronizationSchema() == null) {
            errors.add(new FieldError("synchronizationSchema", "the synchronization schema is required", null));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        requireNoRules(body.connection());
        return body.connection();
    }

    private static void requireNoRules(JobRequest connection) {
        if (connection != null && (connection.users() != null || connection.groups() != null)) {
            throw ProblemException.invalid(List.of(new FieldError(connection.users() != null ? "connection.users"
                    : "connection.groups", "the mappings, actions and scoping filters come from the schema; leave "
                    + "users and groups out of the connection", null)));
        }
    }

    private static JobRequest merged(JobRequest connection, JobResponse stored) {
        JobRequest given = connection != null ? connection : new JobRequest(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        return new JobRequest(
                given.name() != null ? given.name() : stored.name(),
                given.applicationId() != null ? given.applicationId() : stored.applicationId(),
                given.profile() != null ? given.profile() : stored.profile(),
                given.tenantUrl() != null ? given.tenantUrl() : stored.tenantUrl(),
                given.secretToken(), given.scope(), given.status(), given.notificationEmail(),
                given.deletionThreshold(), given.skipOutOfScopeDeletions(), null, null, given.rateLimits(),
                given.allowInsecureHttp());
    }

    private static JobRequest withRules(JobRequest connection, ImportedSchema imported) {
        return new JobRequest(connection.name(), connection.applicationId(), connection.profile(),
                connection.tenantUrl(), connection.secretToken(), connection.scope(), connection.status(),
                connection.notificationEmail(), connection.deletionThreshold(), connection.skipOutOfScopeDeletions(),
                imported.users(), imported.groups(), connection.rateLimits(), connection.allowInsecureHttp());
    }

    /** The job API's refusal with each rule field named by its pointer, and connection fields as "connection.x". */
    private static ProblemException named(ProblemException refused, ImportedSchema imported) {
        if (refused.status() != 400) {
            return refused;
        }
        List<FieldError> errors = refused.errors().stream().map(error -> new FieldError(
                error.field().startsWith("users") || error.field().startsWith("groups")
                        ? imported.pointerOf(error.field()) : "connection." + error.field(),
                error.message(), error.position())).toList();
        return new ProblemException(400, refused.title(), errors.size() == 1 ? errors.get(0).field() + ": "
                + errors.get(0).message() : refused.getMessage(), errors);
    }
}
