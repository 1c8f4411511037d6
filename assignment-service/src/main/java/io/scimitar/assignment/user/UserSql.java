package io.scimitar.assignment.user;

import io.scimitar.assignment.attribute.AttributeList;
import io.scimitar.assignment.attribute.AttributeValues;
import io.scimitar.assignment.change.EventPayloadSql;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of the {@code app_user} table, built from an attribute list ({@link #STANDARD}: {@link UserAttributes#ALL}):
 * the select list, the set-based insert and update over unnested arrays, and the one-statement change with its
 * events. No statement names an attribute of its own.
 *
 * @param columns     the columns a {@link User} is read from: its id, the attributes, its times and version
 * @param insertAll   inserts the users of the arrays $1.. (ids, then one per attribute), created at {@code $now}
 * @param updateAll   writes every attribute of the users of the arrays, modified at {@code $now}, version + 1
 * @param change      {@code updateAll} with the user's {@code user.assignment} events (cause and time after now)
 */
public record UserSql(AttributeList attributes, String columns, String insertAll, String updateAll, String change) {

    /** The statements of the service's user attributes. */
    public static final UserSql STANDARD = of(UserAttributes.ALL);

    private static final String CHANGE = """
            with changed as (%s returning u.*),
            targets as (
              select t.application_id, t.cause, t.occurred_at, roles.list as roles,
                     row_number() over (order by t.application_id) as rank
              from changed u
              cross join (select a.id as application_id, a.publish_unassigned, $%d::text as cause,
                                 $%d::text as occurred_at from application a) t
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
            select (select count(*) from changed) as changed, (select count(*) from written) as events""";

    public static UserSql of(AttributeList attributes) {
        int now = nowParameter(attributes);
        String columns = "id, " + attributes.selectColumns("")
                + ", created_date_time, modified_date_time, deleted_date_time, row_version";
        String insertAll = "insert into app_user (id, " + attributes.columns()
                + ", created_date_time, modified_date_time, deleted_date_time, row_version) select v.id, "
                + attributes.unnestedValues() + ", $" + now + "::timestamptz, $" + now
                + "::timestamptz, null, 1 from " + attributes.unnest(1);
        String updateAll = "update app_user u set " + attributes.assignFromUnnest() + ", modified_date_time = $" + now
                + "::timestamptz, row_version = u.row_version + 1 from " + attributes.unnest(1) + " where u.id = v.id";
        String change = CHANGE.formatted(updateAll, now + 1, now + 2, EventPayloadSql.USER_ROLES_LATERAL,
                EventPayloadSql.key("u.id"), EventPayloadSql.userEvent(attributes,
                        "r.version - (select count(*) from targets) + t.rank", "t.roles"));
        return new UserSql(attributes, columns, insertAll, updateAll, change);
    }

    /** The parameters of {@link #insertAll} and {@link #updateAll}: the ids, one array per attribute, and now. */
    public Object[] parameters(List<UUID> ids, List<AttributeValues> values, OffsetDateTime now) {
        Object[] arrays = attributes.arrays(ids, values);
        Object[] params = Arrays.copyOf(arrays, arrays.length + 1);
        params[arrays.length] = now;
        return params;
    }

    /** The parameters of {@link #change}: those of {@link #updateAll}, then the cause and the time as text. */
    public Object[] changeParameters(UUID id, AttributeValues values, OffsetDateTime now, String cause,
            String occurredAt) {
        Object[] update = parameters(List.of(id), List.of(values), now);
        Object[] params = Arrays.copyOf(update, update.length + 2);
        params[update.length] = cause;
        params[update.length + 1] = occurredAt;
        return params;
    }

    private static int nowParameter(AttributeList attributes) {
        return attributes.all().size() + 2;
    }
}
