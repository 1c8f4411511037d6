package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.roleassignment.AssignmentRequest;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.assignment.web.MergePatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports a chunk of assignment rows through COPY: each row is checked in Java as the REST API checks it, the valid
 * ones are copied into {@code import_assignment_stage}, resolved (application, role, principal) and inserted with
 * set-based statements, and their fan-out is written to the outbox by {@link StagingFanOut}, all in one transaction.
 * The result is that of running the rows one after another: a row repeating an earlier one is {@code unchanged}.
 */
@ApplicationScoped
public class AssignmentCopyImport {

    private static final List<String> STAGED = List.of("line", "application_id", "principal_id", "app_role_id");

    /**
     * The chunk's staging tables: temporary copies of the tables the migrations define, private to the connection's
     * session, which shadow them by name (PostgreSQL searches the session's temporary schema first) and lose their
     * rows at every commit. A chunk neither waits for another chunk's ANALYZE of a shared table nor leaves dead rows
     * for autovacuum, whose analysis of a table that held only dead rows once had the planner take a chunk's rows for
     * one (see {@link #FIRST_OF_EACH}).
     */
    private static final String SESSION_STAGING = """
            create temporary table if not exists import_assignment_stage
              (like public.import_assignment_stage including defaults) on commit delete rows;
            create temporary table if not exists import_event_stage
              (like public.import_event_stage including defaults) on commit delete rows""";

    private static final String RESOLVE = """
            update import_assignment_stage s set
              application_found = exists (select 1 from application a where a.id = s.application_id),
              role_id = (select r.id from app_role r where r.application_id = s.application_id
                         and (case when s.app_role_id is null then r.is_default else r.id = s.app_role_id end)
                         order by r.id limit 1),
              principal_type = case when exists (select 1 from app_user u where u.id = s.principal_id) then 'USER'
                                    when exists (select 1 from app_group g where g.id = s.principal_id) then 'GROUP'
                               end""";

    /** The assigned groups are locked in id order, as the single-row path locks its group. */
    private static final String LOCK_GROUPS = """
            select id from app_group where id in (select principal_id from import_assignment_stage
              where application_found and role_id is not null and principal_type = 'GROUP')
            order by id for update""";

    /*
     * The chunk's statements join the staging table only to itself by row (ctid) or to an indexed table: autovacuum
     * may analyse the staging table while it holds only the dead rows of earlier chunks, and the planner then takes a
     * chunk's rows for one. A self-join on values (an earlier row of the same assignment), or a join on the ids the
     * INSERT returned, became nested loops over the chunk times itself and its dead rows: 1.7 s for a chunk of 850
     * rows on PostgreSQL 14, against 12 ms this way, whatever the statistics say.
     */

    /** The first row of each (application, principal, role) gets an assignment id; a repeat is unchanged. */
    static final String FIRST_OF_EACH = """
            update import_assignment_stage s set assignment_id = gen_random_uuid()
            from (select ctid as staged, row_number() over (partition by application_id, principal_id, role_id
                                                            order by line) as nth
                  from import_assignment_stage
                  where application_found and role_id is not null and principal_type is not null) f
            where s.ctid = f.staged and f.nth = 1""";

    private static final String INSERT = """
            insert into app_role_assignment (id, application_id, app_role_id, principal_id, principal_type,
              created_date_time)
            select assignment_id, application_id, role_id, principal_id, principal_type, ?
            from import_assignment_stage where assignment_id is not null order by line
            on conflict (application_id, principal_id, app_role_id) do nothing""";

    /** The rows whose assignment the INSERT created: their new id is there (a conflict left the existing one). */
    static final String MARK_CREATED = """
            update import_assignment_stage s set created = true
            where s.assignment_id is not null
              and exists (select 1 from app_role_assignment a where a.id = s.assignment_id)""";

    private static final String OUTCOMES = """
            select line, application_found, role_id, principal_type, assignment_id, created
            from import_assignment_stage order by line""";

    private final ObjectMapper json;
    private final CopyImport copy;

    public AssignmentCopyImport(ObjectMapper json, CopyImport copy) {
        this.json = json;
        this.copy = copy;
    }

    /** A row that passed the checks Java can make. */
    private record Staged(long line, UUID application, UUID principal, UUID role, String roleText) {
    }

    /** The results of the rows, in their order; a chunk the database refuses is run again a row at a time. */
    public List<RowResult> apply(List<ImportRow> rows) {
        Map<Long, RowResult> results = new HashMap<>();
        List<Staged> staged = new ArrayList<>();
        for (ImportRow row : rows) {
            try {
                staged.add(check(row));
            } catch (InvalidInputException e) {
                results.put(row.line(), RowResult.rejected(row.line(), e.errors()));
            } catch (MalformedInputException e) {
                results.put(row.line(), RowResult.rejected(row.line(),
                        List.of(new FieldError(e.field(), e.getMessage()))));
            }
        }
        if (!staged.isEmpty()) {
            try {
                results.putAll(copy.inTransaction(connection -> merge(connection, staged)));
            } catch (SQLException refusedChunk) {
                CopyImport.requireDatabaseReachable(refusedChunk);
                for (Staged one : staged) {
                    try {
                        results.putAll(copy.inTransaction(connection -> merge(connection, List.of(one))));
                    } catch (SQLException refused) {
                        CopyImport.requireDatabaseReachable(refused);
                        results.put(one.line(), RowResult.rejected(one.line(), List.of(new FieldError(null,
                                "the database refused the row: " + reason(refused)))));
                    }
                }
            }
        }
        return rows.stream().map(row -> results.get(row.line())).toList();
    }

    private Staged check(ImportRow row) {
        if (!row.unreadable().isEmpty()) {
            throw new InvalidInputException(row.unreadable());
        }
        AssignmentRequest a = MergePatch.read(json, row.fields(), AssignmentRequest.class);
        new FieldChecks().required("applicationId", a.applicationId()).uuid("applicationId", a.applicationId())
                .throwIfAny();
        new FieldChecks().required("principalId", a.principalId()).uuid("principalId", a.principalId())
                .uuid("appRoleId", a.appRoleId()).throwIfAny();
        return new Staged(row.line(), UUID.fromString(a.applicationId()), UUID.fromString(a.principalId()),
                a.appRoleId() == null ? null : UUID.fromString(a.appRoleId()), a.appRoleId());
    }

    private Map<Long, RowResult> merge(Connection connection, List<Staged> staged) throws SQLException {
        List<Object[]> rows = new ArrayList<>(staged.size());
        staged.forEach(s -> rows.add(new Object[] {s.line(), s.application(), s.principal(), s.role()}));
        try (Statement statement = connection.createStatement()) {
            statement.execute(SESSION_STAGING);
        }
        CopyImport.copy(connection, "import_assignment_stage", STAGED, rows);
        Instant now = Instant.now();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(RESOLVE);
            statement.executeQuery(LOCK_GROUPS).close();
            statement.executeUpdate(FIRST_OF_EACH);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(MARK_CREATED);
        }
        Map<Long, Staged> byLine = new HashMap<>();
        staged.forEach(s -> byLine.put(s.line(), s));
        Map<Long, RowResult> results = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet r = statement.executeQuery(OUTCOMES)) {
            while (r.next()) {
                Staged row = byLine.get(r.getLong("line"));
                results.put(row.line(), outcome(row, r));
            }
        }
        StagingFanOut.publish(connection, now.toString());
        return results;
    }

    /** The row's result, with the texts of the single-row path ({@code AssignmentService#assign}). */
    private static RowResult outcome(Staged row, ResultSet r) throws SQLException {
        long line = row.line();
        if (!r.getBoolean("application_found")) {
            return rejected(line, "applicationId", "no application has id " + row.application());
        }
        if (r.getObject("role_id") == null) {
            return rejected(line, "appRoleId", "application " + row.application() + " has no app role "
                    + row.roleText());
        }
        if (r.getString("principal_type") == null) {
            return rejected(line, "principalId", "no user or group has id " + row.principal());
        }
        return r.getBoolean("created") ? RowResult.ok(line, "created", r.getObject("assignment_id").toString())
                : RowResult.ok(line, "unchanged", null);
    }

    /** PostgreSQL's own message, without the driver's prefix and context lines. */
    private static String reason(SQLException refused) {
        return refused instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage() : refused.getMessage();
    }

    private static RowResult rejected(long line, String field, String reason) {
        return RowResult.rejected(line, List.of(new FieldError(field, reason)));
    }
}
