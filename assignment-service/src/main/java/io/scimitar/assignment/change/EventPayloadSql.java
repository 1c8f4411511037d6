package io.scimitar.assignment.change;

import java.util.List;
import java.util.stream.Collectors;

/**
 * SQL expressions that build assignment events in PostgreSQL, field for field the JSON that {@code
 * AssignmentEventCodec} writes for the same event, so that set-based statements can write thousands of events
 * without loading the objects into Java. The attribute lists ({@link #USER_SNAPSHOT}, {@link #GROUP_SNAPSHOT}) are
 * the one place where this SQL names the snapshot fields and their columns.
 */
public final class EventPayloadSql {

    /** One snapshot field: its JSON name and the SQL expression that reads it. */
    public record Field(String json, String sql) {
    }

    /** The fields of {@code UserSnapshot}, in its order, over a row of {@code app_user} named {@code u}. */
    public static final List<Field> USER_SNAPSHOT = List.of(
            new Field("id", "u.id::text"),
            new Field("userPrincipalName", "u.user_principal_name"),
            new Field("mail", "u.mail"),
            new Field("mailNickname", "u.mail_nickname"),
            new Field("givenName", "u.given_name"),
            new Field("surname", "u.surname"),
            new Field("displayName", "u.display_name"),
            new Field("jobTitle", "u.job_title"),
            new Field("department", "u.department"),
            new Field("companyName", "u.company_name"),
            new Field("employeeId", "u.employee_id"),
            new Field("employeeType", "u.employee_type"),
            new Field("officeLocation", "u.office_location"),
            new Field("city", "u.city"),
            new Field("country", "u.country"),
            new Field("usageLocation", "u.usage_location"),
            new Field("mobilePhone", "u.mobile_phone"),
            new Field("businessPhones", "u.business_phones"),
            new Field("preferredLanguage", "u.preferred_language"),
            new Field("accountEnabled", "u.account_enabled"),
            new Field("managerId", "u.manager_id::text"),
            new Field("extensionAttributes", "u.extension_attributes"),
            new Field("createdDateTime", instant("u.created_date_time")),
            new Field("modifiedDateTime", instant("u.modified_date_time")),
            new Field("deletedDateTime", instant("u.deleted_date_time")));

    /** The fields of {@code GroupSnapshot}, in its order, over a row of {@code app_group} named {@code g}. */
    public static final List<Field> GROUP_SNAPSHOT = List.of(
            new Field("id", "g.id::text"),
            new Field("displayName", "g.display_name"),
            new Field("mailNickname", "g.mail_nickname"),
            new Field("description", "g.description"),
            new Field("securityEnabled", "g.security_enabled"),
            new Field("createdDateTime", instant("g.created_date_time")),
            new Field("modifiedDateTime", instant("g.modified_date_time")),
            new Field("deletedDateTime", instant("g.deleted_date_time")));

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
    public static String userEvent(String version, String roles) {
        return assignmentEvent("user.assignment", "u.id", version, roles, "user", USER_SNAPSHOT,
                "u.deleted_date_time");
    }

    /** The payload of a {@code group.assignment} event over {@code g} and {@code t}. */
    public static String groupEvent(String version, String roles) {
        return assignmentEvent("group.assignment", "g.id", version, roles, "group", GROUP_SNAPSHOT,
                "g.deleted_date_time");
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
            List<Field> snapshot, String deleted) {
        return """
                json_build_object('type', '%s', 'schemaVersion', 1, 'eventId', gen_random_uuid(),
                  'occurredAt', t.occurred_at, 'applicationId', t.application_id::text, 'objectId', %s::text,
                  'objectVersion', %s, 'cause', t.cause, '%s', %s,
                  'assigned', %s is not null, 'roles', coalesce(%s, '[]'::json),
                  'softDeleted', %s is not null)::text"""
                .formatted(type, id, version, snapshotName, object(snapshot), roles, roles, deleted);
    }

    private static String object(List<Field> fields) {
        return fields.stream().map(f -> "'" + f.json() + "', " + f.sql())
                .collect(Collectors.joining(", ", "json_build_object(", ")"));
    }

    /** An instant as ISO-8601 in UTC with microseconds, which {@code Instant.parse} reads back exactly. */
    private static String instant(String column) {
        return "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }
}
