package io.scimitar.assignment.user;

import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.change.EventPayloadSql;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a change of one user and its {@code user.assignment} events in a single statement: the update, the event
 * versions and the outbox rows, for every application where the user is assigned or that publishes unassigned users
 * (in application id order, as {@code EffectiveStatePublisher} publishes them). The user's row must be locked by the
 * transaction; the statement is prepared once per connection and reused.
 */
@ApplicationScoped
public class UserChangeStatement {

    private static final String SQL = """
            with changed as (%s returning u.*),
            targets as (
              select t.application_id, t.cause, t.occurred_at, roles.list as roles,
                     row_number() over (order by t.application_id) as rank
              from changed u
              cross join (select a.id as application_id, a.publish_unassigned, $24::text as cause,
                                 $25::text as occurred_at from application a) t
              %s
              where t.publish_unassigned or roles.list is not null),
            reserved as (
              insert into object_version (object_id, version)
              select u.id, (select count(*) from targets) from changed u where exists (select 1 from targets)
              on conflict (object_id) do update set version = object_version.version + excluded.version
              returning version),
            written as (
              insert into outbox (event_key, event_type, payload)
              select %s, 'user.assignment', %s
              from targets t cross join changed u cross join reserved r
              order by t.rank
              returning id)
            select (select count(*) from changed) as changed, (select count(*) from written) as events"""
            .formatted(UserRepository.UPDATE_ALL, EventPayloadSql.USER_ROLES_LATERAL, EventPayloadSql.key("u.id"),
                    EventPayloadSql.userEvent("r.version - (select count(*) from targets) + t.rank", "t.roles"));

    /** Writes every attribute of {@code user} (version + 1) and its events with {@code cause}. */
    public void update(SqlTransaction tx, User user, String cause) {
        Object[] attributes = UserRepository.attributeArrays(List.of(user), UserRepository.utc(user.modifiedDateTime()));
        Object[] params = Arrays.copyOf(attributes, attributes.length + 2);
        params[attributes.length] = cause;
        params[attributes.length + 1] = Instant.now().toString();
        tx.query(SQL, params);
    }
}
