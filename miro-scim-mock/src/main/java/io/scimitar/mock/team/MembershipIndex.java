package io.scimitar.mock.team;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which groups each user belongs to, kept up to date by the groups themselves as their members change, so that
 * rendering a user's {@code groups} attribute costs the number of groups the user is in rather than a scan of every
 * group in the organisation. A user is in a handful of groups, so each user's ids are one small array, replaced
 * whole on a change (about 60 bytes a user).
 */
final class MembershipIndex {

    private final Map<String, String[]> groupIdsByUser = new ConcurrentHashMap<>();

    void joined(String userId, String groupId) {
        groupIdsByUser.compute(userId, (user, groupIds) -> {
            if (groupIds == null) {
                return new String[] {groupId};
            }
            if (Arrays.asList(groupIds).contains(groupId)) {
                return groupIds;
            }
            String[] next = Arrays.copyOf(groupIds, groupIds.length + 1);
            next[groupIds.length] = groupId;
            return next;
        });
    }

    void left(String userId, String groupId) {
        groupIdsByUser.computeIfPresent(userId, (user, groupIds) -> {
            String[] next = Arrays.stream(groupIds).filter(id -> !id.equals(groupId)).toArray(String[]::new);
            return next.length == 0 ? null : next;
        });
    }

    /** The ids of the user's groups in creation order (the order groups are listed in). */
    List<String> groupIdsOf(String userId) {
        String[] groupIds = groupIdsByUser.get(userId);
        return groupIds == null ? List.of() : Arrays.stream(groupIds).sorted(TeamRepository.CREATION_ORDER).toList();
    }

    void clear() {
        groupIdsByUser.clear();
    }
}
