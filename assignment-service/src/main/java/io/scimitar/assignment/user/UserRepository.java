package io.scimitar.assignment.user;

import io.scimitar.assignment.database.LikePatterns;
import io.scimitar.assignment.database.JsonColumns;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and writes the {@code app_user} table in SQL on the transaction's connection: one user at a time (by id or
 * userPrincipalName, locked for a change) and many at a time (the event fan-out, the bulk import) set-based.
 */
@ApplicationScoped
public class UserRepository {

    static final String COLUMNS = """
            id, user_principal_name, mail, mail_nickname, given_name, surname, display_name, job_title, department,
            company_name, employee_id, employee_type, office_location, city, country, usage_location, mobile_phone,
            business_phones::text as business_phones, preferred_language, account_enabled, manager_id,
            extension_attributes::text as extension_attributes, created_date_time, modified_date_time,
            deleted_date_time, row_version""";

    private static final String UNNEST_ATTRIBUTES = """
            unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
              $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
              $17::text[], $18::text[], $19::text[], $20::boolean[], $21::uuid[], $22::text[])
            as v(id, upn, mail, mail_nickname, given_name, surname, display_name, job_title, department, company_name,
              employee_id, employee_type, office_location, city, country, usage_location, mobile_phone,
              business_phones, preferred_language, account_enabled, manager_id, extension_attributes)""";

    private static final String INSERT_ALL = """
            insert into app_user (id, user_principal_name, mail, mail_nickname, given_name, surname, display_name,
              job_title, department, company_name, employee_id, employee_type, office_location, city, country,
              usage_location, mobile_phone, business_phones, preferred_language, account_enabled, manager_id,
              extension_attributes, created_date_time, modified_date_time, deleted_date_time, row_version)
            select id, upn, mail, mail_nickname, given_name, surname, display_name, job_title, department,
              company_name, employee_id, employee_type, office_location, city, country, usage_location, mobile_phone,
              business_phones::jsonb, preferred_language, account_enabled, manager_id, extension_attributes::jsonb,
              $23::timestamptz, $23::timestamptz, null, 1
            from\s""" + UNNEST_ATTRIBUTES;

    /** Every attribute of the users in the arrays $1..$22, modified at $23, version + 1 (also UserChangeStatement). */
    static final String UPDATE_ALL = """
            update app_user u set user_principal_name = v.upn, mail = v.mail, mail_nickname = v.mail_nickname,
              given_name = v.given_name, surname = v.surname, display_name = v.display_name, job_title = v.job_title,
              department = v.department, company_name = v.company_name, employee_id = v.employee_id,
              employee_type = v.employee_type, office_location = v.office_location, city = v.city,
              country = v.country, usage_location = v.usage_location, mobile_phone = v.mobile_phone,
              business_phones = v.business_phones::jsonb, preferred_language = v.preferred_language,
              account_enabled = v.account_enabled, manager_id = v.manager_id,
              extension_attributes = v.extension_attributes::jsonb, modified_date_time = $23::timestamptz,
              row_version = u.row_version + 1
            from\s""" + UNNEST_ATTRIBUTES + " where u.id = v.id";

    public Optional<User> find(SqlTransaction tx, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_user where id = $1", UserRepository::map, id);
    }

    /** Reads the user and locks its row until commit. */
    public Optional<User> findForUpdate(SqlTransaction tx, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_user where id = $1 for update", UserRepository::map, id);
    }

    public List<User> findAll(SqlTransaction tx, Collection<UUID> ids) {
        return tx.list("select " + COLUMNS + " from app_user where id = any($1)", UserRepository::map,
                (Object) ids.toArray(UUID[]::new));
    }

    public Optional<User> findByPrincipalName(SqlTransaction tx, String userPrincipalName) {
        return tx.optional("select " + COLUMNS + " from app_user where lower(user_principal_name) = lower($1)",
                UserRepository::map, userPrincipalName);
    }

    /** The ids among {@code ids} that are users. */
    public List<UUID> existing(SqlTransaction tx, Collection<UUID> ids) {
        return tx.list("select id from app_user where id = any($1)", row -> row.getUUID(0),
                (Object) ids.toArray(UUID[]::new));
    }

    public List<User> list(SqlTransaction tx, UserFilter filter, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(page.afterOrStart()));
        StringBuilder where = new StringBuilder("id > $1");
        where.append(filter.deleted() ? " and deleted_date_time is not null" : " and deleted_date_time is null");
        if (filter.userPrincipalName() != null) {
            params.add(filter.userPrincipalName());
            where.append(" and lower(user_principal_name) = lower($").append(params.size()).append(')');
        }
        if (filter.displayNameStartsWith() != null) {
            params.add(LikePatterns.startsWith(filter.displayNameStartsWith()));
            where.append(" and lower(display_name) like $").append(params.size()).append(LikePatterns.ESCAPE);
        }
        if (filter.department() != null) {
            params.add(filter.department());
            where.append(" and department = $").append(params.size());
        }
        if (filter.accountEnabled() != null) {
            params.add(filter.accountEnabled());
            where.append(" and account_enabled = $").append(params.size());
        }
        params.add(page.limit() + 1); // one more than the page: PageRequest#page reads it as "there is more"
        return tx.list("select " + COLUMNS + " from app_user where " + where + " order by id limit $" + params.size(),
                UserRepository::map, params.toArray());
    }

    /** Inserts a new user, version 1, created and modified at its creation time. */
    public void insert(SqlTransaction tx, User user) {
        insertAll(tx, List.of(user), user.createdDateTime());
    }

    /**
     * Writes every attribute of {@code user} (its modification time too) and counts its version up; its row must be
     * locked by this transaction.
     */
    public void update(SqlTransaction tx, User user) {
        tx.query(UPDATE_ALL, attributeArrays(List.of(user), utc(user.modifiedDateTime())));
    }

    public void setDeleted(SqlTransaction tx, UUID id, Instant deletedAt) {
        tx.update("update app_user set deleted_date_time = $2, modified_date_time = $3, row_version = row_version + 1"
                + " where id = $1", id, utc(deletedAt), utc(Instant.now()));
    }

    /** The users among {@code ids} or with one of these (lower-cased) userPrincipalNames: one statement each. */
    public List<User> findByIdsOrPrincipalNames(SqlTransaction tx, Collection<UUID> ids,
            Collection<String> lowerNames) {
        List<User> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            found.addAll(findAll(tx, ids));
        }
        if (!lowerNames.isEmpty()) {
            found.addAll(tx.list("select " + COLUMNS + " from app_user where lower(user_principal_name) = any($1)",
                    UserRepository::map, (Object) lowerNames.toArray(String[]::new)));
        }
        return found;
    }

    /** Inserts many users in one statement (the bulk import); each gets version 1. */
    public void insertAll(SqlTransaction tx, List<User> users, Instant now) {
        if (!users.isEmpty()) {
            tx.query(INSERT_ALL, attributeArrays(users, utc(now)));
        }
    }

    /** Writes every attribute of many users in one statement (the bulk import); each version goes up by one. */
    public void updateAll(SqlTransaction tx, List<User> users, Instant now) {
        if (!users.isEmpty()) {
            tx.query(UPDATE_ALL, attributeArrays(users, utc(now)));
        }
    }

    static Object[] attributeArrays(List<User> users, OffsetDateTime now) {
        int n = users.size();
        Object[] columns = new Object[23];
        UUID[] ids = new UUID[n];
        String[][] texts = new String[17][n];
        Boolean[] enabled = new Boolean[n];
        UUID[] managers = new UUID[n];
        for (int i = 0; i < n; i++) {
            User u = users.get(i);
            ids[i] = u.id();
            String[] values = {u.userPrincipalName(), u.mail(), u.mailNickname(), u.givenName(), u.surname(),
                    u.displayName(), u.jobTitle(), u.department(), u.companyName(), u.employeeId(), u.employeeType(),
                    u.officeLocation(), u.city(), u.country(), u.usageLocation(), u.mobilePhone(),
                    JsonColumns.write(u.businessPhones())};
            for (int c = 0; c < values.length; c++) {
                texts[c][i] = values[c];
            }
            enabled[i] = u.accountEnabled();
            managers[i] = u.managerId();
        }
        String[] languages = users.stream().map(User::preferredLanguage).toArray(String[]::new);
        String[] extensions = users.stream().map(u -> JsonColumns.write(u.extensionAttributes()))
                .toArray(String[]::new);
        columns[0] = ids;
        System.arraycopy(texts, 0, columns, 1, 17);
        columns[18] = languages;
        columns[19] = enabled;
        columns[20] = managers;
        columns[21] = extensions;
        columns[22] = now;
        return columns;
    }

    /**
     * Removes a user for good, with its memberships and direct assignments; returns the users it managed.
     */
    public List<UUID> delete(SqlTransaction tx, UUID id) {
        List<UUID> reports = tx.list("select id from app_user where manager_id = $1", row -> row.getUUID(0), id);
        tx.update("update app_user set manager_id = null, modified_date_time = now(), row_version = row_version + 1"
                + " where manager_id = $1", id);
        tx.update("delete from group_member where member_id = $1", id);
        tx.update("delete from app_role_assignment where principal_id = $1", id);
        tx.update("delete from app_user where id = $1", id);
        return reports;
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
