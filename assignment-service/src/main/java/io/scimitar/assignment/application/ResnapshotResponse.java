package io.scimitar.assignment.application;

/** What a re-snapshot published: the users and groups of the application and how many events that made. */
public record ResnapshotResponse(long users, long groups, long membershipSnapshots) {
}
