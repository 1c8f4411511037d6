package io.scimitar.assignment.application;

import io.scimitar.assignment.database.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Counts the users and groups in an application's scope, for the provisioner's progress (the total of a sync). */
@ApplicationScoped
public class AssignedCountService {

    private static final String ASSIGNED_USERS = """
            select count(*) from (
              select principal_id from app_role_assignment where application_id = $1 and principal_type = 'USER'
              union
              select gm.member_id from app_role_assignment ara
              join app_group g on g.id = ara.principal_id and g.security_enabled and g.deleted_date_time is null
              join group_member gm on gm.group_id = ara.principal_id and gm.member_type = 'USER'
              where ara.application_id = $1
            ) s""";
    private static final String ASSIGNED_GROUPS = """
            select count(distinct ara.principal_id) from app_role_assignment ara
            join app_group g on g.id = ara.principal_id and g.security_enabled and g.deleted_date_time is null
            where ara.application_id = $1 and ara.principal_type = 'GROUP'""";
    private static final String ALL_USERS = "select count(*) from app_user";
    private static final String ALL_GROUPS = "select count(*) from app_group where deleted_date_time is null";

    private final Transactions transactions;
    private final ApplicationRepository applications;

    public AssignedCountService(Transactions transactions, ApplicationRepository applications) {
        this.transactions = transactions;
        this.applications = applications;
    }

    /** The counts of {@code applicationId}, in one transaction; 404 when the application does not exist. */
    public AssignedCounts count(UUID applicationId) {
        return transactions.inTransaction(tx -> {
            Application app = applications.find(tx, applicationId)
                    .orElseThrow(() -> ApplicationService.notFound(applicationId));
            return new AssignedCounts(applicationId, tx.count(ASSIGNED_USERS, applicationId),
                    tx.count(ASSIGNED_GROUPS, applicationId), tx.count(ALL_USERS), tx.count(ALL_GROUPS),
                    app.publishUnassigned(), Instant.now());
        });
    }
}
