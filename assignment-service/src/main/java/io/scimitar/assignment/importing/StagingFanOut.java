package io.scimitar.assignment.importing;

import io.scimitar.assignment.change.EventPayloadSql;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.group.GroupAttributes;
import io.scimitar.assignment.user.UserAttributes;
import io.scimitar.events.GroupMembershipEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Publishes what the assignments a chunk created (the rows of {@code import_assignment_stage} marked created) mean,
 * set-based in SQL and in the chunk's transaction: the events {@code EffectiveStatePublisher} writes for the same
 * changes, in the same order per object and with the same consecutive versions. For each assigned group: its
 * {@code group.assignment} event, a membership snapshot (parts of at most 1000 members) and a {@code user.assignment}
 * event for each direct user member; for each assigned user its {@code user.assignment} event.
 */
final class StagingFanOut {

    private static final int PART = GroupMembershipEvent.MAX_MEMBERS_PER_EVENT;

    /*
     * Every event of the chunk as a row of import_event_stage. Outbox order: phase (1 groups, 2 membership snapshots,
     * 3 the assigned groups' user members, 4 the directly assigned users), then k1 (the line that first named the
     * group or user), k2 (the member), k3, k4 (the part, the line that first named the application).
     */
    private static final String TARGETS = """
            insert into import_event_stage (phase, k1, k2, k3, k4, kind, object_id, application_id, cause,
              occurred_at, snapshot_id, part, parts, rank)
            with pairs as (
              select principal_id, principal_type, application_id, min(line) as afirst,
                     min(min(line)) over (partition by principal_id) as pfirst
              from import_assignment_stage where created group by principal_id, principal_type, application_id),
            snapshots as (
              select p.*, gen_random_uuid() as snapshot_id,
                     greatest(1, ceil((select count(*) from group_member m where m.group_id = p.principal_id)
                                      / %d.0))::int as parts
              from pairs p where p.principal_type = 'GROUP'),
            events as (
              select 1 as phase, pfirst as k1, null::uuid as k2, afirst as k3, 0::bigint as k4, 'group' as kind,
                     principal_id as object_id, application_id, 'ASSIGNMENT_ADDED' as cause, null::uuid as snapshot_id,
                     null::int as part, null::int as parts
              from pairs where principal_type = 'GROUP'
              union all
              select 2, s.pfirst, null, n.part, s.afirst, 'snapshot', s.principal_id, s.application_id, null,
                     s.snapshot_id, n.part, s.parts
              from snapshots s cross join lateral generate_series(1, s.parts) as n(part)
              union all
              select 3, p.pfirst, m.member_id, p.afirst, 0, 'user', m.member_id, p.application_id,
                     'GROUP_ASSIGNMENT_ADDED', null, null, null
              from pairs p join group_member m on m.group_id = p.principal_id and m.member_type = 'USER'
              join app_user u on u.id = m.member_id
              where p.principal_type = 'GROUP'
              union all
              select 4, pfirst, null, afirst, 0, 'user', principal_id, application_id, 'ASSIGNMENT_ADDED', null, null,
                     null
              from pairs where principal_type = 'USER')
            select phase, k1, k2, k3, k4, kind, object_id, application_id, cause, ?, snapshot_id, part, parts,
                   row_number() over (partition by object_id order by phase, k1, k2 nulls first, k3, k4)
            from events""".formatted(PART);

    /** Reserves each object's versions (in object order, as ObjectVersions does) and numbers its events with them. */
    private static final String VERSIONS = """
            with counts as (select object_id, count(*) as n from import_event_stage group by object_id),
            reserved as (
              insert into object_version (object_id, version)
              select object_id, n from counts order by object_id
              on conflict (object_id) do update set version = object_version.version + excluded.version
              returning object_id, version)
            update import_event_stage e set version = r.version - c.n + e.rank
            from reserved r join counts c on c.object_id = r.object_id
            where e.object_id = r.object_id""";

    private static final String OUTBOX = """
            insert into outbox (event_key, event_type, payload)
            select event_key, event_type, payload from (
              select t.phase, t.k1, t.k2, t.k3, t.k4, %s as event_key, 'user.assignment' as event_type,
                     %s as payload
              from import_event_stage t join app_user u on u.id = t.object_id
              %s
              where t.kind = 'user'
              union all
              select t.phase, t.k1, t.k2, t.k3, t.k4, %s, 'group.assignment', %s
              from import_event_stage t join app_group g on g.id = t.object_id
              %s
              where t.kind = 'group'
              union all
              select t.phase, t.k1, t.k2, t.k3, t.k4, %s, 'group.membership', %s
              from (select s.*, s.object_id as group_id from import_event_stage s where s.kind = 'snapshot') t
              cross join lateral (
                select coalesce(json_agg(json_build_object('id', m.member_id::text, 'type', m.member_type)
                                         order by m.member_id), '[]'::json) as list
                from (select member_id, member_type from group_member where group_id = t.group_id
                      order by member_id offset (t.part - 1) * %d limit %d) m) members) e
            order by phase, k1, k2 nulls first, k3, k4""".formatted(
            EventPayloadSql.key("u.id"), EventPayloadSql.userEvent(UserAttributes.ALL, "t.version", "roles.list"), EventPayloadSql.USER_ROLES_LATERAL,
            EventPayloadSql.key("g.id"), EventPayloadSql.groupEvent(GroupAttributes.ALL, "t.version", "roles.list"), EventPayloadSql.GROUP_ROLES_LATERAL,
            EventPayloadSql.key("t.group_id"), EventPayloadSql.membershipSnapshotPart("t.version", "members.list"),
            PART, PART);

    private StagingFanOut() {
    }

    /** Writes the chunk's events to the outbox; returns how many. */
    static int publish(Connection connection, String occurredAt) throws SQLException {
        try (PreparedStatement targets = connection.prepareStatement(TARGETS)) {
            targets.setString(1, occurredAt);
            if (targets.executeUpdate() == 0) {
                return 0;
            }
        }
        ImportStatistics.analyseStaging(connection, "import_event_stage");
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(VERSIONS);
            int written = statement.executeUpdate(OUTBOX);
            if (written > 0) {
                // inside the chunk's transaction, unlike the reactive client's commits (Transactions): a chunk's
                // commit is one of few, so the notification lock it holds through its flush delays nobody
                statement.execute(Transactions.WAKE_OUTBOX_RELAY);
            }
            return written;
        }
    }
}
