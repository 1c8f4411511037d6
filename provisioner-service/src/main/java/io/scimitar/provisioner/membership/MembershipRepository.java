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

/**
 * The direct user members of each group a job knows (source members), the members each target group holds
 * (exported), and whether each user is in the job's scope: the inputs of {@link MembershipRule} kept here.
 */
@ApplicationScoped
public class MembershipRepository {

    private final Pool database;

    public MembershipRepository(Pool database) {
        this.database = database;
    }

    /** Records source members of a group (again a source member, if the row was kept for a removal). */
    public Uni<Void> add(UUID jobId, String groupId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.preparedQuery("insert into group_membership (job_id, group_id, member_id) "
                        + "select $1, $2, unnest($3::text[]) on conflict (job_id, group_id, member_id) "
                        + "do update set source_member = true")
                .execute(Tuple.of(jobId, groupId, memberIds.toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * Records that members left the source group: forgotten where the target group does not hold them, kept as
     * non-members where it does, until their removal there is done ({@link #settle}).
     */
    public Uni<Void> remove(UUID jobId, String groupId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple args = Tuple.of(jobId, groupId, memberIds.toArray(String[]::new));
        return database.preparedQuery("delete from group_membership where job_id = $1 and group_id = $2 "
                        + "and member_id = any($3) and not exported").execute(args)
                .chain(() -> database.preparedQuery("update group_membership set source_member = false "
                        + "where job_id = $1 and group_id = $2 and member_id = any($3)").execute(args))
                .replaceWithVoid();
    }

    /**
     * Records the whole source membership of several groups at once (a poll's snapshots of one part), in one
     * statement: each group's rows become what {@link #add} and {@link #remove} of its snapshot's difference would
     * leave (members it names are source members; those it leaves out are forgotten where the target group does not
     * hold them, kept as non-members where it does). A snapshot not newer than the group's applied membership version is
     * left out, as {@code MembershipSynchronizer} leaves such an event; the version is recorded once the group's
     * target is reconciled, not here.
     */
    public Uni<Void> storeSnapshots(UUID jobId, Collection<WholeSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> groupIds = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        List<String> memberGroups = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (WholeSnapshot snapshot : snapshots) {
            groupIds.add(snapshot.groupId());
            versions.add(snapshot.version());
            snapshot.memberIds().forEach(member -> {
                memberGroups.add(snapshot.groupId());
                members.add(member);
            });
        }
        return database.preparedQuery("""
                        with snapshot as (
                            select s.group_id from unnest($2::text[], $3::bigint[]) as s(group_id, version)
                            left join group_membership_version v on v.job_id = $1 and v.group_id = s.group_id
                            where v.version is null or v.version < s.version),
                        wanted as (
                            select distinct w.group_id, w.member_id
                            from unnest($4::text[], $5::text[]) as w(group_id, member_id)
                            where w.group_id in (select group_id from snapshot)),
                        stored as (
                            insert into group_membership (job_id, group_id, member_id)
                            select $1, group_id, member_id from wanted
                            on conflict (job_id, group_id, member_id) do update set source_member = true
                            where not group_membership.source_member),
                        forgotten as (
                            delete from group_membership m
                            where m.job_id = $1 and m.group_id in (select group_id from snapshot)
                                and m.source_member and not m.exported
                                and not exists (select 1 from wanted w
                                    where w.group_id = m.group_id and w.member_id = m.member_id))
                        update group_membership m set source_member = false
                        where m.job_id = $1 and m.group_id in (select group_id from snapshot)
                            and m.source_member and m.exported
                            and not exists (select 1 from wanted w
                                where w.group_id = m.group_id and w.member_id = m.member_id)""")
                .execute(Tuple.of(jobId, groupIds.toArray(String[]::new), versions.toArray(Long[]::new),
                        memberGroups.toArray(String[]::new), members.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** A group's whole source membership at {@code version}: a membership snapshot of one part. */
    public record WholeSnapshot(String groupId, long version, List<String> memberIds) {
    }

    /** The group's members in the source. */
    public Uni<Set<String>> members(UUID jobId, String groupId) {
        return database.preparedQuery("select member_id from group_membership where job_id = $1 and group_id = $2 "
                        + "and source_member")
                .execute(Tuple.of(jobId, groupId))
                .map(rows -> {
                    Set<String> members = new HashSet<>();
                    rows.forEach(row -> members.add(row.getString("member_id")));
                    return members;
                });
    }

    /** Every row of the group: its source members, and the members the target group holds. */
    public Uni<List<MembershipRow>> rows(UUID jobId, String groupId) {
        return database.preparedQuery("select member_id, source_member, exported from group_membership "
                        + "where job_id = $1 and group_id = $2").execute(Tuple.of(jobId, groupId))
                .map(rows -> {
                    List<MembershipRow> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new MembershipRow(row.getString("member_id"),
                            row.getBoolean("source_member"), row.getBoolean("exported"))));
                    return found;
                });
    }

    /**
     * Groups linked in the target where the target may differ from what {@link MembershipRule} asks: a member linked
     * but not in the target group, or one the target group holds that left the source group, is not active, is
     * no longer linked or is out of scope. A superset: the rule decides each group's members.
     */
    public Uni<List<String>> groupsToReconcile(UUID jobId) {
        return database.preparedQuery("""
                        select distinct m.group_id from group_membership m
                        join object_link g on g.job_id = m.job_id and g.object_type = 'GROUP'
                            and g.source_id = m.group_id and g.state = 'ACTIVE' and g.target_id is not null
                        left join object_link u on u.job_id = m.job_id and u.object_type = 'USER'
                            and u.source_id = m.member_id
                        left join membership_user_scope s on s.job_id = m.job_id and s.user_id = m.member_id
                        where m.job_id = $1 and (
                            (not m.exported and m.source_member and u.state in ('ACTIVE', 'DISABLED')
                                and u.target_id is not null)
                            or (m.exported and (not m.source_member or u.state is distinct from 'ACTIVE'
                                or s.in_scope is false)))""")
                .execute(Tuple.of(jobId))
                .map(rows -> {
                    List<String> groups = new ArrayList<>();
                    rows.forEach(row -> groups.add(row.getString("group_id")));
                    return groups;
                });
    }

    /** The rows of {@code userIds} (source members or in the target group), by group id. */
    public Uni<Map<String, List<MembershipRow>>> rowsOfMembers(UUID jobId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select group_id, member_id, source_member, exported from group_membership "
                        + "where job_id = $1 and member_id = any($2)")
                .execute(Tuple.of(jobId, userIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<MembershipRow>> byGroup = new HashMap<>();
                    for (Row row : rows) {
                        byGroup.computeIfAbsent(row.getString("group_id"), g -> new ArrayList<>())
                                .add(new MembershipRow(row.getString("member_id"), row.getBoolean("source_member"),
                                        row.getBoolean("exported")));
                    }
                    return byGroup;
                });
    }

    /** Whether each of {@code userIds} is in the job's scope, as last recorded; absent: never recorded. */
    public Uni<Map<String, Boolean>> scopes(UUID jobId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select user_id, in_scope from membership_user_scope where job_id = $1 "
                        + "and user_id = any($2)")
                .execute(Tuple.of(jobId, userIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Boolean> scopes = new HashMap<>();
                    rows.forEach(row -> scopes.put(row.getString("user_id"), row.getBoolean("in_scope")));
                    return scopes;
                });
    }

    /**
     * Records whether users are in the job's scope, with its parameters numbered from {@code first}; they are
     * {@link #storeScopesValues}. A part of a poll's one write statement ({@code BatchWriter}).
     */
    public static String storeScopesStatement(int first) {
        return "insert into membership_user_scope (job_id, user_id, in_scope) select $" + first + ", u, s from unnest($"
                + (first + 1) + "::text[], $" + (first + 2) + "::boolean[]) as t(u, s) "
                + "on conflict (job_id, user_id) do update set in_scope = excluded.in_scope";
    }

    /** The parameters of {@link #storeScopesStatement}. */
    public static List<Object> storeScopesValues(UUID jobId, Map<String, Boolean> inScopeByUser) {
        List<String> users = new ArrayList<>(inScopeByUser.keySet());
        Boolean[] inScope = users.stream().map(inScopeByUser::get).toArray(Boolean[]::new);
        return List.of(jobId, users.toArray(String[]::new), inScope);
    }

    /**
     * Notes that the target group holds these members since a PATCH added them, and answers those of them that are not
     * source members of the group: their row was forgotten or marked as left while the PATCH was on its way (another
     * instance applied their removal meanwhile). Such a row is written back as held by the target group and not a
     * source member, so that the rule takes the member out again.
     */
    public Uni<Set<String>> markAdded(UUID jobId, String groupId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return database.preparedQuery("insert into group_membership (job_id, group_id, member_id, source_member, "
                        + "exported) select $1, $2, unnest($3::text[]), false, true "
                        + "on conflict (job_id, group_id, member_id) do update set exported = true "
                        + "returning member_id, source_member")
                .execute(Tuple.of(jobId, groupId, memberIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> left = new HashSet<>();
                    rows.forEach(row -> {
                        if (!row.getBoolean("source_member")) {
                            left.add(row.getString("member_id"));
                        }
                    });
                    return left;
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

    /**
     * Members no longer in the target group (removed there, or gone with their user): a row kept only for the removal
     * is forgotten; a source member's row stays, as not in the target.
     */
    public Uni<Void> settle(UUID jobId, String groupId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple args = Tuple.of(jobId, groupId, memberIds.toArray(String[]::new));
        return database.preparedQuery("delete from group_membership where job_id = $1 and group_id = $2 "
                        + "and member_id = any($3) and not source_member").execute(args)
                .chain(() -> database.preparedQuery("update group_membership set exported = false "
                        + "where job_id = $1 and group_id = $2 and member_id = any($3)").execute(args))
                .replaceWithVoid();
    }

    /** Marks every membership of a group as not in the target (the group was deleted or unlinked). */
    public Uni<Void> resetGroup(UUID jobId, String groupId) {
        return database.preparedQuery("delete from group_membership where job_id = $1 and group_id = $2 "
                        + "and not source_member").execute(Tuple.of(jobId, groupId))
                .chain(() -> database.preparedQuery("update group_membership set exported = false "
                        + "where job_id = $1 and group_id = $2").execute(Tuple.of(jobId, groupId)))
                .replaceWithVoid();
    }

    public Uni<Void> forgetGroup(UUID jobId, String groupId) {
        return database.preparedQuery("delete from group_membership where job_id = $1 and group_id = $2")
                .execute(Tuple.of(jobId, groupId)).replaceWithVoid();
    }

    /**
     * Stores one part of a membership snapshot; answers all parts' members once every part is in, else null. A
     * snapshot of one part (a group of at most {@code GroupMembershipEvent.MAX_MEMBERS_PER_EVENT} members, nearly every
     * group) is whole as it comes: it is answered without a statement. Parts of a snapshot that never completed stay
     * until the group's next snapshot of several parts completes, or the job goes.
     */
    public Uni<List<String>> storeSnapshotPart(UUID jobId, String groupId, UUID snapshotId, int part, int parts,
            List<String> memberIds) {
        if (parts == 1) {
            return Uni.createFrom().item(List.copyOf(memberIds));
        }
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

    /**
     * A (hard-deleted) user is a source member of no group any more: forgotten where the target group does not hold
     * it, kept as a non-member where it does, until the removal is done there (or its user is gone from the target).
     */
    public Uni<Void> forgetMember(UUID jobId, String memberId) {
        Tuple args = Tuple.of(jobId, memberId);
        return database.preparedQuery("delete from group_membership where job_id = $1 and member_id = $2 "
                        + "and not exported").execute(args)
                .chain(() -> database.preparedQuery("update group_membership set source_member = false "
                        + "where job_id = $1 and member_id = $2").execute(args))
                .replaceWithVoid();
    }

    /** The newest membership event version applied to the group, or -1. */
    public Uni<Long> appliedVersion(UUID jobId, String groupId) {
        return database.preparedQuery("select version from group_membership_version where job_id = $1 "
                        + "and group_id = $2").execute(Tuple.of(jobId, groupId))
                .map(rows -> rows.size() == 0 ? -1L : rows.iterator().next().getLong("version"));
    }

    /** Records that the group's membership events up to {@code version} are applied (outside a poll). */
    public Uni<Void> recordVersion(UUID jobId, String groupId, long version) {
        return database.preparedQuery(recordVersionsStatement(1))
                .execute(Tuple.from(recordVersionsValues(jobId, Map.of(groupId, version)))).replaceWithVoid();
    }

    /**
     * Records the membership versions applied to groups, with its parameters numbered from {@code first}; they are
     * {@link #recordVersionsValues}. A part of a poll's one write statement ({@code BatchWriter}).
     */
    public static String recordVersionsStatement(int first) {
        return "insert into group_membership_version (job_id, group_id, version) select $" + first
                + ", g, v from unnest($" + (first + 1) + "::text[], $" + (first + 2) + "::bigint[]) as t(g, v) "
                + "on conflict (job_id, group_id) do update set version = "
                + "greatest(group_membership_version.version, excluded.version)";
    }

    /** The parameters of {@link #recordVersionsStatement}. */
    public static List<Object> recordVersionsValues(UUID jobId, Map<String, Long> versionByGroup) {
        List<String> groups = new ArrayList<>(versionByGroup.keySet());
        Long[] versions = groups.stream().map(versionByGroup::get).toArray(Long[]::new);
        return List.of(jobId, groups.toArray(String[]::new), versions);
    }
}
