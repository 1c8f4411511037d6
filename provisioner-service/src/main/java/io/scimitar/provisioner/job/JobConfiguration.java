package io.scimitar.provisioner.job;

/** Per object type settings of a job, stored as JSON with the job. */
public record JobConfiguration(ObjectTypeSettings users, ObjectTypeSettings groups) {
}
