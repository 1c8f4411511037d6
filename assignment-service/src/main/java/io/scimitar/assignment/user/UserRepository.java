package io.scimitar.assignment.user;

import io.scimitar.assignment.database.LikePatterns;
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

    static final String COLUMNS = UserSql.STANDARD.columns();

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
        tx.query(UserSql.STANDARD.updateAll(), attributeArrays(List.of(user), utc(user.modifiedDateTime())));
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
            tx.query(UserSql.STANDARD.insertAll(), attributeArrays(users, utc(now)));
        }
    }

    /** Writes every attribute of many users in one statement (the bulk import); each version goes up by one. */
    public void updateAll(SqlTransaction tx, List<User> users, Instant now) {
        if (!users.isEmpty()) {
            tx.query(UserSql.STANDARD.updateAll(), attributeArrays(users, utc(now)));
        }
    }

    static Object[] attributeArrays(List<User> users, OffsetDateTime now) {
        return UserSql.STANDARD.parameters(users.stream().map(User::id).toList(),
                users.stream().map(User::attributes).toList(), now);
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
        return new User(r.getUUID("id"), UserAttributes.ALL.read(r), instant(r.getOffsetDateTime("created_date_time")),
                instant(r.getOffsetDateTime("modified_date_time")), instant(r.getOffsetDateTime("deleted_date_time")),
                r.getLong("row_version"));
    }
}
