package io.scimitar.assignment.application;

import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.change.Audience;
import io.scimitar.assignment.change.ChangePublisher;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Re-emits the current effective state of one application: every user and group in its scope (all of them when it
 * publishes unassigned objects, otherwise the assigned ones) and a membership snapshot of each such group. Works page
 * by page, one transaction per page, so that memory stays bounded whatever the directory's size.
 */
@ApplicationScoped
public class ResnapshotService {

    static final String CAUSE = "RESNAPSHOT";
    private static final int PAGE = 1000;
    private static final UUID START = new UUID(0L, 0L);

    private static final String ALL_USERS = "select id from app_user where id > $2 and $1::uuid is not null"
            + " order by id limit $3";
    private static final String ASSIGNED_USERS = """
            select id from (
              select principal_id as id from app_role_assignment where application_id = $1 and principal_type = 'USER'
              union
              select gm.member_id from app_role_assignment ara
              join app_group g on g.id = ara.principal_id and g.security_enabled
              join group_member gm on gm.group_id = ara.principal_id and gm.member_type = 'USER'
              where ara.application_id = $1
            ) s where id > $2 order by id limit $3""";
    private static final String ALL_GROUPS = "select id from app_group where id > $2 and $1::uuid is not null"
            + " order by id limit $3";
    private static final String ASSIGNED_GROUPS = """
            select distinct principal_id as id from app_role_assignment
            where application_id = $1 and principal_type = 'GROUP' and principal_id > $2 order by id limit $3""";

    private final Transactions transactions;
    private final ApplicationRepository applications;
    private final ChangePublisher publisher;

    public ResnapshotService(Transactions transactions, ApplicationRepository applications,
            ChangePublisher publisher) {
        this.transactions = transactions;
        this.applications = applications;
        this.publisher = publisher;
    }

    public ResnapshotResponse resnapshot(UUID applicationId) {
        Application app = transactions.inTransaction(tx -> applications.find(tx, applicationId))
                .orElseThrow(() -> ApplicationService.notFound(applicationId));
        Audience audience = Audience.of(applicationId);
        long users = 0;
        long groups = 0;
        UUID after = START;
        while (true) {
            UUID from = after;
            List<UUID> page = transactions.inTransaction(tx -> {
                List<UUID> ids = ids(tx, app.publishUnassigned() ? ALL_USERS : ASSIGNED_USERS, applicationId, from);
                publisher.publishUsers(tx, ids, audience, CAUSE);
                return ids;
            });
            if (page.isEmpty()) {
                break;
            }
            users += page.size();
            after = page.get(page.size() - 1);
        }
        after = START;
        while (true) {
            UUID from = after;
            List<UUID> page = transactions.inTransaction(tx -> {
                List<UUID> ids = ids(tx, app.publishUnassigned() ? ALL_GROUPS : ASSIGNED_GROUPS, applicationId,
                        from);
                publisher.publishGroups(tx, ids, audience, CAUSE);
                for (UUID group : ids) {
                    publisher.publishMembershipSnapshot(tx, group, Set.of(applicationId), Instant.now());
                }
                return ids;
            });
            if (page.isEmpty()) {
                break;
            }
            groups += page.size();
            after = page.get(page.size() - 1);
        }
        return new ResnapshotResponse(users, groups, groups);
    }

    private static List<UUID> ids(SqlTransaction tx, String sql, UUID applicationId, UUID after) {
        return tx.list(sql, row -> row.getUUID(0), applicationId, after, PAGE);
    }
}
