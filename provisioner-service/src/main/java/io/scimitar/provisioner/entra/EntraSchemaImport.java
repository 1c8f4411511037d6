package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.job.JobRequest;

/**
 * The body of an import: {@code synchronizationSchema}, the document as Graph or the admin center gives it (it never
 * holds the target's secret token), and {@code connection}, the job's other settings as the job API takes them
 * (name, application, profile, tenant URL, secret token, scope, ...; never users or groups, which the schema gives).
 * On update the connection may be omitted: the job keeps its own.
 */
public record EntraSchemaImport(JobRequest connection, JsonNode synchronizationSchema) {
}
