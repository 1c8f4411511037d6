package io.scimitar.assignment.application;

import java.time.Instant;
import java.util.UUID;

/**
 * How many users and groups an application's provisioning has in scope, as the directory counts them now.
 *
 * @param users users assigned directly or as a direct member of an assigned, security-enabled, not deleted group
 * @param groups groups assigned (security-enabled, not deleted)
 * @param directoryUsers every user of the directory (what a job syncing all users reads when the application
 *        publishes unassigned users)
 * @param directoryGroups every group of the directory that is not deleted
 * @param publishUnassigned whether the application's events include users and groups that are not assigned
 * @param countedAt when the counts were taken
 */
public record AssignedCounts(UUID applicationId, long users, long groups, long directoryUsers, long directoryGroups,
        boolean publishUnassigned, Instant countedAt) {
}
