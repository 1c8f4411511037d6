package io.scimitar.assignment.group;

import io.scimitar.assignment.database.Tx;
import io.scimitar.events.MemberRef;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Reads and writes the direct members of groups ({@code group_member}). */
@ApplicationScoped
public class MembershipRepository {

    private static final UUID START = new UUID(0L, 0L);

    public long count(Tx tx, UUID groupId) {
        return tx.count("select count(*) from group_member where group_id = $1", groupId);
    }

    /** Members of a group in id order, after {@code after} (null: from the start). */
    public List<MemberRef> page(Tx tx, UUID groupId, UUID after, int limit) {
        return tx.list("""
                select member_id, member_type from group_member where group_id = $1 and member_id > $2
                order by member_id limit $3""", MembershipRepository::map, groupId, after == null ? START : after,
                limit);
    }

    /** Ids of the user members of a group in id order, after {@code after} (null: from the start). */
    public List<UUID> userPage(Tx tx, UUID groupId, UUID after, int limit) {
        return tx.list("""
                select member_id from group_member where group_id = $1 and member_type = 'USER' and member_id > $2
                order by member_id limit $3""", row -> row.getUUID(0), groupId, after == null ? START : after,
                limit);
    }

    /** Adds a member; false when it was a member already. */
    public boolean add(Tx tx, UUID groupId, MemberRef member) {
        return tx.update("""
                insert into group_member (group_id, member_id, member_type) values ($1, $2, $3)
                on conflict do nothing""", groupId, UUID.fromString(member.id()), member.type().name()) == 1;
    }

    /** Removes a member; false when it was not a member. */
    public boolean remove(Tx tx, UUID groupId, UUID memberId) {
        return tx.update("delete from group_member where group_id = $1 and member_id = $2", groupId, memberId) == 1;
    }

    /** The groups {@code memberId} is a direct member of. */
    public List<UUID> groupsOf(Tx tx, UUID memberId) {
        return tx.list("select group_id from group_member where member_id = $1", row -> row.getUUID(0), memberId);
    }

    private static MemberRef map(Row row) {
        return new MemberRef(row.getUUID(0).toString(), MemberRef.MemberType.valueOf(row.getString(1)));
    }
}
