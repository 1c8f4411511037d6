package io.scimitar.assignment.change;

import io.scimitar.assignment.attribute.AttributeList;

/**
 * SQL expressions that build assignment events in PostgreSQL, field for field the JSON that {@code
 * AssignmentEventCodec} writes for the same event, so that set-based statements can write thousands of events
 * without loading the objects into Java. A snapshot's attribute fields come from the object's {@link AttributeList}
 * (the one declaration of its attributes); the id and the times around them are the same for every object.
 */
public final class EventPayloadSql {

    /** A role as {@code RoleAssignment}, over a row {@code x} of (assignment_id, role_id, value, display_name, via). */
    private static final String ROLE = """
            json_build_object('assignmentId', x.assignment_id::text, 'appRoleId', x.role_id::text,
              'value', x.value, 'displayName', x.display_name, 'viaGroupId', x.via_group_id::text)""";

    /**
     * The roles through which user {@code u} holds application {@code t.application_id} (directly, or through a
     * security group it is a direct member of and that is not soft-deleted), ordered as {@code
     * EffectiveStatePublisher} orders them: a lateral join giving {@code roles.list} (null when there is none).
     */
    public static final String USER_ROLES_LATERAL = """
            left join lateral (
              select json_agg(%s order by x.via_group_id nulls first, x.assignment_id) as list
              from (select ara.id as assignment_id, r.id as role_id, r.value, r.display_name, null::uuid as via_group_id
                    from app_role_assignment ara join app_role r on r.id = ara.app_role_id
                    where ara.principal_id = u.id and ara.application_id = t.application_id
                    union all
                    select ara.id, r.id, r.value, r.display_name, ara.principal_id
                    from group_member gm
                    join app_group gg on gg.id = gm.group_id and gg.security_enabled and gg.deleted_date_time is null
                    join app_role_assignment ara on ara.principal_id = gm.group_id
                      and ara.application_id = t.application_id
                    join app_role r on r.id = ara.app_role_id
                    where gm.member_id = u.id) x) roles on true""".formatted(ROLE);

    /** The roles group {@code g} holds directly in application {@code t.application_id}, as {@code roles.list}. */
    public static final String GROUP_ROLES_LATERAL = """
            left join lateral (
              select json_agg(%s order by x.assignment_id) as list
              from (select ara.id as assignment_id, r.id as role_id, r.value, r.display_name, null::uuid as via_group_id
                    from app_role_assignment ara join app_role r on r.id = ara.app_role_id
                    where ara.principal_id = g.id and ara.application_id = t.application_id) x) roles on true"""
            .formatted(ROLE);

    private EventPayloadSql() {
    }

    /**
     * The payload of a {@code user.assignment} event over {@code u} (the user) and {@code t} (with application_id,
     * cause, occurred_at as text), with the given version and roles (a JSON array or null, as from
     * {@link #USER_ROLES_LATERAL}).
     */
    public static String userEvent(AttributeList attributes, String version, String roles) {
        return assignmentEvent("user.assignment", "u.id", version, roles, "user", snapshot(attributes, "u"),
                "u.deleted_date_time");
    }

    /** The payload of a {@code group.assignment} event over {@code g} and {@code t}. */
    public static String groupEvent(AttributeList attributes, String version, String roles) {
        return assignmentEvent("group.assignment", "g.id", version, roles, "group", snapshot(attributes, "g"),
                "g.deleted_date_time");
    }

    /**
     * The snapshot of the object in row {@code alias}, field for field as {@code UserSnapshot} or {@code
     * GroupSnapshot}: its id, its attributes in the list's order, and its times.
     */
    public static String snapshot(AttributeList attributes, String alias) {
        return "json_build_object('id', " + alias + ".id::text, " + attributes.snapshotSql(alias)
                + ", 'createdDateTime', " + instant(alias + ".created_date_time")
                + ", 'modifiedDateTime', " + instant(alias + ".modified_date_time")
                + ", 'deletedDateTime', " + instant(alias + ".deleted_date_time") + ")";
    }

    /**
     * The payload of one part of a {@code group.membership} snapshot over {@code t} (application_id, group_id,
     * occurred_at, snapshot_id, part, parts) and {@code members} (a JSON array of {id, type}).
     */
    public static String membershipSnapshotPart(String version, String members) {
        return """
                json_build_object('type', 'group.membership', 'schemaVersion', 1, 'eventId', gen_random_uuid(),
                  'occurredAt', t.occurred_at, 'applicationId', t.application_id::text, 'objectId', t.group_id::text,
                  'objectVersion', %s, 'added', %s, 'removed', '[]'::json,
                  'snapshot', json_build_object('snapshotId', t.snapshot_id, 'part', t.part, 'parts', t.parts))::text"""
                .formatted(version, members);
    }

    /** The Kafka key of an event about {@code objectId} for {@code t.application_id}, as {@code EventKeys}. */
    public static String key(String objectId) {
        return "t.application_id::text || '/' || " + objectId + "::text";
    }

    private static String assignmentEvent(String type, String id, String version, String roles, String snapshotName,
            String snapshot, String deleted) {
        return """
                json_build_object('type', '%s', 'schemaVersion', 1, 'eventId', gen_random_uuid(),
                  'occurredAt', t.occurred_at, 'applicationId', t.application_id::text, 'objectId', %s::text,
                  'objectVersion', %s, 'cause', t.cause, '%s', %s,
                  'assigned', %s is not null, 'roles', coalesce(%s, '[]'::json),
                  'softDeleted', %s is not null)::text"""
                .formatted(type, id, version, snapshotName, snapshot, roles, roles, deleted);
    }

    /** An instant as ISO-8601 in UTC with microseconds, which {@code Instant.parse} reads back exactly. */
    private static String instant(String column) {
        return "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }
}
