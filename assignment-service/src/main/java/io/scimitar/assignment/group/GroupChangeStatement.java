package io.scimitar.assignment.group;

import io.scimitar.assignment.change.EventPayloadSql;
import io.scimitar.assignment.database.SqlTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a change of one group's attributes and its {@code group.assignment} events in a single statement: the
 * update (version + 1), the event versions and the outbox rows, for every application where the group is assigned
 * or that publishes unassigned groups, in application id order, as {@code EffectiveStatePublisher} publishes them.
 * For a change that alters no member's effective state (the group keeps its {@code securityEnabled}); the group's row
 * must be locked by the transaction. The statement is prepared once per connection and reused.
 */
@ApplicationScoped
public class GroupChangeStatement {

    private static final String SQL = """
            with changed as (%s returning g.*),
            targets as (
              select t.application_id, t.cause, t.occurred_at, roles.list as roles,
                     row_number() over (order by t.application_id) as rank
              from changed g
              cross join (select a.id as application_id, a.publish_unassigned, $%d::text as cause,
                                 $%d::text as occurred_at from application a) t
              %s
              where t.publish_unassigned or roles.list is not null),
            reserved as (
              insert into object_version (object_id, version)
              select g.id, (select count(*) from targets) from changed g where exists (select 1 from targets)
              on conflict (object_id) do update set version = object_version.version + excluded.version
              returning version),
            written as (
              insert into outbox (event_key, event_type, payload)
              select %s, 'group.assignment', %s
              from targets t cross join changed g cross join reserved r
              order by t.rank
              returning id)
            select (select count(*) from changed) as changed, (select count(*) from written) as events"""
            .formatted(GroupRepository.UPDATE, GroupRepository.TIMES + 2, GroupRepository.TIMES + 3,
                    EventPayloadSql.GROUP_ROLES_LATERAL, EventPayloadSql.key("g.id"),
                    EventPayloadSql.groupEvent(GroupAttributes.ALL,
                            "r.version - (select count(*) from targets) + t.rank", "t.roles"));

    /** Writes every attribute of {@code group} (version + 1) and its events with {@code cause}. */
    public void update(SqlTransaction tx, Group group, String cause) {
        Object[] arrays = GroupAttributes.ALL.arrays(List.of(group.id()), List.of(group.attributes()));
        Object[] params = Arrays.copyOf(arrays, arrays.length + 4);
        params[arrays.length] = group.modifiedDateTime().atOffset(ZoneOffset.UTC);
        params[arrays.length + 1] = group.deletedDateTime() == null ? null
                : group.deletedDateTime().atOffset(ZoneOffset.UTC);
        params[arrays.length + 2] = cause;
        params[arrays.length + 3] = Instant.now().toString();
        tx.wroteOutbox();
        tx.useGenericPlans();
        tx.query(SQL, params);
    }
}
