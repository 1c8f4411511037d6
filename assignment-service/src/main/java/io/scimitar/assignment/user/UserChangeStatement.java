package io.scimitar.assignment.user;

import io.scimitar.assignment.database.SqlTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Writes a change of one user and its {@code user.assignment} events in a single statement ({@link UserSql#change}):
 * the update, the event versions and the outbox rows, for every application where the user is assigned or that
 * publishes unassigned users (in application id order, as {@code EffectiveStatePublisher} publishes them). The
 * user's row must be locked by the transaction. The statement is prepared once per connection and reused, with one
 * generic plan: it is longer than the client keeps prepared by default, which {@code postgres-pool} raises.
 */
@ApplicationScoped
public class UserChangeStatement {

    /** Writes every attribute of {@code user} (version + 1) and its events with {@code cause}. */
    public void update(SqlTransaction tx, User user, String cause) {
        tx.wroteOutbox();
        tx.useGenericPlans();
        tx.query(UserSql.STANDARD.change(), UserSql.STANDARD.changeParameters(user.id(), user.attributes(),
                UserRepository.utc(user.modifiedDateTime()), cause, Instant.now().toString()));
    }
}
