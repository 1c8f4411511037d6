package io.scimitar.provisioner.membership;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The direct user members of each group a job knows, and whether the target group has each of them yet. */
@ApplicationScoped
public class MembershipRepository {

    private final Pool database;

    public MembershipRepository(Pool database) {
        this.database = database;
    }

    public Uni<Void> add(UUID jobId, String groupId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.preparedQuery("insert into group_membership (job_id, group_id, member_id) "
                        + "select $1, $2, unnest($3::text[]) on conflict do nothing")
                .execute(Tuple.of(jobId, groupId, memberIds.toArray(String[]::new))).replaceWithVoid();
    }

    /** Removes members and answers which of them the target group had (so must be removed there too). */
    public Uni<Set<String>> remove(UUID jobId, String groupId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return database.preparedQuery("delete from group_membership where job_id = $1 and group_id = $2 "
                        + "and member_id = any($3) returning member_id, exported")
                .execute(Tuple.of(jobId, groupId, memberIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> exported = new HashSet<>();
                    rows.forEach(row -> {
                        if (row.getBoolean("exported")) {
                            exported.add(row.getString("member_id"));
                        }
                    });
                    return exported;
                });
    }

    public Uni<Set<String>> members(UUID jobId, String groupId) {
        return database.preparedQuery("select member_id from group_membership where job_id = $1 and group_id = $2")
                .execute(Tuple.of(jobId, groupId))
                .map(rows -> {
                    Set<String> members = new HashSet<>();
                    rows.forEach(row -> members.add(row.getString("member_id")));
                    return members;
                });
    }

    /** Members of the group not yet in the target group. */
    public Uni<List<String>> pending(UUID jobId, String groupId) {
        return database.preparedQuery("select member_id from group_membership where job_id = $1 and group_id = $2 "
                        + "and not exported").execute(Tuple.of(jobId, groupId))
                .map(rows -> {
                    List<String> members = new ArrayList<>();
                    rows.forEach(row -> members.add(row.getString("member_id")));
                    return members;
                });
    }

    /**
     * Groups linked in the target that have members who are active provisioned users but not yet in the target group:
     * what a push that failed, or that a crash cut short, left behind.
     */
    public Uni<List<String>> groupsWithMembersToPush(UUID jobId) {
        return database.preparedQuery("""
                        select distinct m.group_id from group_membership m
                        join object_link u on u.job_id = m.job_id and u.object_type = 'USER'
                            and u.source_id = m.member_id and u.state = 'ACTIVE' and u.target_id is not null
                        join object_link g on g.job_id = m.job_id and g.object_type = 'GROUP'
                            and g.source_id = m.group_id and g.state = 'ACTIVE' and g.target_id is not null
                        where m.job_id = $1 and not m.exported""")
                .execute(Tuple.of(jobId))
                .map(rows -> {
                    List<String> groups = new ArrayList<>();
                    rows.forEach(row -> groups.add(row.getString("group_id")));
                    return groups;
                });
    }

    /** Groups (by group id) in which any of {@code userIds} is waiting to be added to the target group. */
    public Uni<Map<String, List<String>>> pendingByGroupForMembers(UUID jobId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select group_id, member_id from group_membership where job_id = $1 "
                        + "and not exported and member_id = any($2)")
                .execute(Tuple.of(jobId, userIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<String>> byGroup = new HashMap<>();
                    for (Row row : rows) {
                        byGroup.computeIfAbsent(row.getString("group_id"), g -> new ArrayList<>())
                                .add(row.getString("member_id"));
                    }
                    return byGroup;
                });
    }

    public Uni<Void> markExported(UUID jobId, String groupId, Collection<String> memberIds, boolean exported) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.preparedQuery("update group_membership set exported = $4 where job_id = $1 "
                        + "and group_id = $2 and member_id = any($3)")
                .execute(Tuple.of(jobId, groupId, memberIds.toArray(String[]::new), exported)).replaceWithVoid();
    }

    /** Marks every membership of a group as not in the target (the group was deleted or unlinked). */
    public Uni<Void> resetGroup(UUID jobId, String groupId) {
        return database.preparedQuery("update group_membership set exported = false where job_id = $1 "
                + "and group_id = $2").execute(Tuple.of(jobId, groupId)).replaceWithVoid();
    }

    public Uni<Void> forgetGroup(UUID jobId, String groupId) {
        return database.preparedQuery("delete from group_membership where job_id = $1 and group_id = $2")
                .execute(Tuple.of(jobId, groupId)).replaceWithVoid();
    }

    /** Stores one part of a membership snapshot; answers all parts' members once every part is in. */
    public Uni<List<String>> storeSnapshotPart(UUID jobId, String groupId, UUID snapshotId, int part, int parts,
            List<String> memberIds) {
        return database.preparedQuery("insert into membership_snapshot_part (job_id, group_id, snapshot_id, part, "
                        + "parts, members) values ($1, $2, $3, $4, $5, $6) on conflict do nothing")
                .execute(Tuple.of(jobId, groupId, snapshotId, part, parts, new JsonArray(new ArrayList<>(memberIds))))
                .chain(() -> database.preparedQuery("select part, members from membership_snapshot_part "
                                + "where job_id = $1 and group_id = $2 and snapshot_id = $3")
                        .execute(Tuple.of(jobId, groupId, snapshotId)))
                .chain(rows -> {
                    if (rows.size() < parts) {
                        return Uni.createFrom().<List<String>>nullItem();
                    }
                    List<String> all = new ArrayList<>();
                    rows.forEach(row -> row.getJsonArray("members").forEach(id -> all.add((String) id)));
                    return database.preparedQuery("delete from membership_snapshot_part where job_id = $1 "
                                    + "and group_id = $2").execute(Tuple.of(jobId, groupId))
                            .replaceWith(all);
                });
    }

    /** Marks every membership of a user as not in the target (its target user was gone, so its groups lost it). */
    public Uni<Void> resetMember(UUID jobId, String memberId) {
        return database.preparedQuery("update group_membership set exported = false where job_id = $1 "
                + "and member_id = $2").execute(Tuple.of(jobId, memberId)).replaceWithVoid();
    }

    /** Removes a (hard-deleted) user from every group of the job. */
    public Uni<Void> forgetMember(UUID jobId, String memberId) {
        return database.preparedQuery("delete from group_membership where job_id = $1 and member_id = $2")
                .execute(Tuple.of(jobId, memberId)).replaceWithVoid();
    }

    /** Records members as present in the target group, e.g. after a removal from it failed. */
    public Uni<Void> restoreExported(UUID jobId, String groupId, Collection<String> memberIds) {
        return database.preparedQuery("insert into group_membership (job_id, group_id, member_id, exported) "
                        + "select $1, $2, unnest($3::text[]), true on conflict (job_id, group_id, member_id) "
                        + "do update set exported = true")
                .execute(Tuple.of(jobId, groupId, memberIds.toArray(String[]::new))).replaceWithVoid();
    }

    /** The newest membership event version applied to the group, or -1. */
    public Uni<Long> appliedVersion(UUID jobId, String groupId) {
        return database.preparedQuery("select version from group_membership_version where job_id = $1 "
                        + "and group_id = $2").execute(Tuple.of(jobId, groupId))
                .map(rows -> rows.size() == 0 ? -1L : rows.iterator().next().getLong("version"));
    }

    public Uni<Void> recordVersion(UUID jobId, String groupId, long version) {
        return database.preparedQuery("insert into group_membership_version (job_id, group_id, version) "
                        + "values ($1, $2, $3) on conflict (job_id, group_id) do update set version = "
                        + "greatest(group_membership_version.version, excluded.version)")
                .execute(Tuple.of(jobId, groupId, version)).replaceWithVoid();
    }
}
