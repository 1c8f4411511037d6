package io.scimitar.assignment.change;

import io.scimitar.assignment.database.SqlTransaction;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns what a transaction changed into events in that same transaction. The services record their changes against
 * this interface; the events package implements it, so the flow goes one way: services -> change <- events.
 */
public interface ChangePublisher {

    /** Publishes everything {@code changes} affects; call it last in the transaction that made them. */
    void publish(SqlTransaction tx, ChangeSet changes);

    /** Publishes every direct user member of a group now, e.g. before the group itself goes away. */
    void publishGroupMembers(SqlTransaction tx, UUID groupId, Audience audience, String cause);

    /** Publishes the current state of these users now, to {@code audience}. */
    void publishUsers(SqlTransaction tx, List<UUID> ids, Audience audience, String cause);

    /** Publishes the current state of these groups now, to {@code audience}. */
    void publishGroups(SqlTransaction tx, List<UUID> ids, Audience audience, String cause);

    /** All direct members of a group, in parts of at most 1000, for each of {@code apps}. */
    void publishMembershipSnapshot(SqlTransaction tx, UUID groupId, Set<UUID> apps, Instant now);
}
