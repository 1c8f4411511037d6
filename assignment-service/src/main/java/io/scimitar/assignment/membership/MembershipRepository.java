package io.scimitar.assignment.membership;

import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.events.MemberRef;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads and writes the direct members of groups ({@code group_member}). */
@ApplicationScoped
public class MembershipRepository {

    private static final UUID START = new UUID(0L, 0L);

    public long count(SqlTransaction tx, UUID groupId) {
        return tx.count("select count(*) from group_member where group_id = $1", groupId);
    }

    /** Members of a group in id order, after {@code after} (null: from the start). */
    public List<MemberRef> page(SqlTransaction tx, UUID groupId, UUID after, int limit) {
        return tx.list("""
                select member_id, member_type from group_member where group_id = $1 and member_id > $2
                order by member_id limit $3""", MembershipRepository::map, groupId, after == null ? START : after,
                limit);
    }

    /** Ids of the user members of a group in id order, after {@code after} (null: from the start). */
    public List<UUID> userPage(SqlTransaction tx, UUID groupId, UUID after, int limit) {
        return tx.list("""
                select member_id from group_member where group_id = $1 and member_type = 'USER' and member_id > $2
                order by member_id limit $3""", row -> row.getUUID(0), groupId, after == null ? START : after,
                limit);
    }

    /** Adds a member; false when it was a member already. */
    public boolean add(SqlTransaction tx, UUID groupId, MemberRef member) {
        return tx.update("""
                insert into group_member (group_id, member_id, member_type) values ($1, $2, $3)
                on conflict do nothing""", groupId, UUID.fromString(member.id()), member.type().name()) == 1;
    }

    /** Adds many members in one statement; returns the (group, member) pairs that were not members before. */
    public Set<List<UUID>> addAll(SqlTransaction tx, List<UUID> groupIds, List<MemberRef> members) {
        return pairs(tx.query("""
                insert into group_member (group_id, member_id, member_type)
                select * from unnest($1::uuid[], $2::uuid[], $3::text[]) on conflict do nothing
                returning group_id, member_id""", groupIds.toArray(UUID[]::new),
                members.stream().map(m -> UUID.fromString(m.id())).toArray(UUID[]::new),
                members.stream().map(m -> m.type().name()).toArray(String[]::new)));
    }

    /** Removes many members in one statement; returns the (group, member) pairs that were members. */
    public Set<List<UUID>> removeAll(SqlTransaction tx, List<UUID> groupIds, List<UUID> memberIds) {
        return pairs(tx.query("""
                delete from group_member gm using unnest($1::uuid[], $2::uuid[]) as v(group_id, member_id)
                where gm.group_id = v.group_id and gm.member_id = v.member_id
                returning gm.group_id, gm.member_id""", groupIds.toArray(UUID[]::new),
                memberIds.toArray(UUID[]::new)));
    }

    private static Set<List<UUID>> pairs(Iterable<Row> rows) {
        Set<List<UUID>> pairs = new HashSet<>();
        for (Row row : rows) {
            pairs.add(List.of(row.getUUID(0), row.getUUID(1)));
        }
        return pairs;
    }

    /** Removes a member; false when it was not a member. */
    public boolean remove(SqlTransaction tx, UUID groupId, UUID memberId) {
        return tx.update("delete from group_member where group_id = $1 and member_id = $2", groupId, memberId) == 1;
    }

    /** The groups {@code memberId} is a direct member of. */
    public List<UUID> groupsOf(SqlTransaction tx, UUID memberId) {
        return tx.list("select group_id from group_member where member_id = $1", row -> row.getUUID(0), memberId);
    }

    private static MemberRef map(Row row) {
        return new MemberRef(row.getUUID(0).toString(), MemberRef.MemberType.valueOf(row.getString(1)));
    }
}
