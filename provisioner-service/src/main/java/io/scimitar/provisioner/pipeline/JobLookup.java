package io.scimitar.provisioner.pipeline;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Finds a stored job for the REST resources of the capabilities the job package itself uses (logs, replay, staged
 * deletions), so that they need not depend on it; the job service implements it.
 */
public interface JobLookup {

    /** The job, compiled; fails with a 404 problem when there is no such job. */
    Uni<JobDefinition> definition(UUID id);

    /**
     * The job compiled with {@code proposal} in place of its stored settings, without saving anything and without its
     * secret token (what uses it never calls the target); fails with a 400 problem naming the fields as a PUT would.
     */
    Uni<JobDefinition> proposed(UUID id, JobProposal proposal);

    /** Completes when the job exists; fails with a 404 problem when there is no such job. */
    Uni<Void> requireExists(UUID id);
}
