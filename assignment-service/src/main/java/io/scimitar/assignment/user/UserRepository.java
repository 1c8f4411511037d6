package io.scimitar.assignment.user;

import io.scimitar.assignment.database.JsonColumns;
import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes the {@code app_user} table. */
@ApplicationScoped
public class UserRepository {

    static final String COLUMNS = """
            id, user_principal_name, mail, mail_nickname, given_name, surname, display_name, job_title, department,
            company_name, employee_id, employee_type, office_location, city, country, usage_location, mobile_phone,
            business_phones::text as business_phones, preferred_language, account_enabled, manager_id,
            extension_attributes::text as extension_attributes, created_date_time, modified_date_time,
            deleted_date_time, row_version""";

    private static final String INSERT = """
            insert into app_user (id, user_principal_name, mail, mail_nickname, given_name, surname, display_name,
              job_title, department, company_name, employee_id, employee_type, office_location, city, country,
              usage_location, mobile_phone, business_phones, preferred_language, account_enabled, manager_id,
              extension_attributes, created_date_time, modified_date_time, deleted_date_time, row_version)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::text::jsonb, $19,
              $20, $21, $22::text::jsonb, $23, $24, null, 1)""";

    private static final String UPDATE = """
            update app_user set user_principal_name = $2, mail = $3, mail_nickname = $4, given_name = $5, surname = $6,
              display_name = $7, job_title = $8, department = $9, company_name = $10, employee_id = $11,
              employee_type = $12, office_location = $13, city = $14, country = $15, usage_location = $16,
              mobile_phone = $17, business_phones = $18::text::jsonb, preferred_language = $19, account_enabled = $20,
              manager_id = $21, extension_attributes = $22::text::jsonb, modified_date_time = $23,
              row_version = row_version + 1
            where id = $1""";

    public Optional<User> find(Tx tx, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_user where id = $1", UserRepository::map, id);
    }

    public Optional<User> findForUpdate(Tx tx, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_user where id = $1 for update", UserRepository::map, id);
    }

    public List<User> findAll(Tx tx, Collection<UUID> ids) {
        return tx.list("select " + COLUMNS + " from app_user where id = any($1)", UserRepository::map,
                (Object) ids.toArray(UUID[]::new));
    }

    public Optional<User> findByPrincipalName(Tx tx, String userPrincipalName) {
        return tx.optional("select " + COLUMNS + " from app_user where lower(user_principal_name) = lower($1)",
                UserRepository::map, userPrincipalName);
    }

    /** The ids among {@code ids} that are users. */
    public List<UUID> existing(Tx tx, Collection<UUID> ids) {
        return tx.list("select id from app_user where id = any($1)", row -> row.getUUID(0),
                (Object) ids.toArray(UUID[]::new));
    }

    public List<User> list(Tx tx, UserFilter filter, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(page.afterOrStart(), page.limit() + 1));
        StringBuilder where = new StringBuilder("id > $1");
        where.append(filter.deleted() ? " and deleted_date_time is not null" : " and deleted_date_time is null");
        if (filter.userPrincipalName() != null) {
            params.add(filter.userPrincipalName());
            where.append(" and lower(user_principal_name) = lower($").append(params.size()).append(')');
        }
        if (filter.displayNameStartsWith() != null) {
            params.add(filter.displayNameStartsWith().toLowerCase() + "%");
            where.append(" and lower(display_name) like $").append(params.size());
        }
        if (filter.department() != null) {
            params.add(filter.department());
            where.append(" and department = $").append(params.size());
        }
        if (filter.accountEnabled() != null) {
            params.add(filter.accountEnabled());
            where.append(" and account_enabled = $").append(params.size());
        }
        return tx.list("select " + COLUMNS + " from app_user where " + where + " order by id limit $2",
                UserRepository::map, params.toArray());
    }

    public void insert(Tx tx, List<User> users) {
        tx.batch(INSERT, users.stream().map(UserRepository::tuple).toList());
    }

    public void update(Tx tx, List<User> users) {
        tx.batch(UPDATE, users.stream().map(u -> attributes(u).addOffsetDateTime(utc(u.modifiedDateTime())))
                .toList());
    }

    public void setDeleted(Tx tx, UUID id, Instant deletedAt) {
        tx.update("""
                update app_user set deleted_date_time = $2, modified_date_time = now(), row_version = row_version + 1
                where id = $1""", id, utc(deletedAt));
    }

    /** Removes a user for good, with its memberships and direct assignments; returns the users it managed. */
    public List<UUID> delete(Tx tx, UUID id) {
        List<UUID> reports = tx.list("select id from app_user where manager_id = $1", row -> row.getUUID(0), id);
        tx.update("update app_user set manager_id = null, modified_date_time = now(), row_version = row_version + 1"
                + " where manager_id = $1", id);
        tx.update("delete from group_member where member_id = $1", id);
        tx.update("delete from app_role_assignment where principal_id = $1", id);
        tx.update("delete from app_user where id = $1", id);
        return reports;
    }

    private static Tuple tuple(User u) {
        return attributes(u).addOffsetDateTime(utc(u.createdDateTime())).addOffsetDateTime(utc(u.modifiedDateTime()));
    }

    private static Tuple attributes(User u) {
        return Tuple.from(Arrays.asList(u.id(), u.userPrincipalName(), u.mail(), u.mailNickname(), u.givenName(),
                u.surname(), u.displayName(), u.jobTitle(), u.department(), u.companyName(), u.employeeId(),
                u.employeeType(), u.officeLocation(), u.city(), u.country(), u.usageLocation(), u.mobilePhone(),
                JsonColumns.write(u.businessPhones()), u.preferredLanguage(), u.accountEnabled(), u.managerId(),
                JsonColumns.write(u.extensionAttributes())));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    public static User map(Row r) {
        return new User(r.getUUID("id"), r.getString("user_principal_name"), r.getString("mail"),
                r.getString("mail_nickname"), r.getString("given_name"), r.getString("surname"),
                r.getString("display_name"), r.getString("job_title"), r.getString("department"),
                r.getString("company_name"), r.getString("employee_id"), r.getString("employee_type"),
                r.getString("office_location"), r.getString("city"), r.getString("country"),
                r.getString("usage_location"), r.getString("mobile_phone"),
                JsonColumns.stringList(r.getString("business_phones")), r.getString("preferred_language"),
                r.getBoolean("account_enabled"), r.getUUID("manager_id"),
                JsonColumns.map(r.getString("extension_attributes")),
                instant(r.getOffsetDateTime("created_date_time")), instant(r.getOffsetDateTime("modified_date_time")),
                instant(r.getOffsetDateTime("deleted_date_time")), r.getLong("row_version"));
    }
}
