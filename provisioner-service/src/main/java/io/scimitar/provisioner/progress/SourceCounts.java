package io.scimitar.provisioner.progress;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** assignment-service's answer: the users and groups assigned to an application, and every one of the directory. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceCounts(long users, long groups, long directoryUsers, long directoryGroups,
        boolean publishUnassigned, Instant countedAt) {
}
