package io.scimitar.deploy.demo;

import java.util.List;
import java.util.Map;

/**
 * A generated directory: users (with managers, extension attributes, some disabled), groups with members, and which
 * users and groups are assigned to the demo application, with which role.
 */
public record DemoDirectory(List<User> users, List<Group> groups, List<Membership> memberships,
        List<Assignment> assignments) {

    /** A user as assignment-service imports it. */
    public record User(String id, String userPrincipalName, String mail, String mailNickname, String givenName,
            String surname, String displayName, String jobTitle, String department, String companyName,
            String employeeId, String officeLocation, String city, String country, String usageLocation,
            String preferredLanguage, boolean accountEnabled, String managerId,
            Map<String, Object> extensionAttributes) {
    }

    public record Group(String id, String displayName, String mailNickname, String description) {
    }

    public record Membership(String groupId, String memberId) {
    }

    /** A user or group assigned to the application with the role of this value. */
    public record Assignment(String principalId, String roleValue) {
    }

    /** Users that the Miro job should provision as active: enabled and assigned directly or through a group. */
    public long expectedActiveUsers() {
        java.util.Set<String> assigned = new java.util.HashSet<>();
        java.util.Set<String> assignedGroups = new java.util.HashSet<>();
        assignments.forEach(a -> assigned.add(a.principalId()));
        groups.forEach(g -> {
            if (assigned.contains(g.id())) {
                assignedGroups.add(g.id());
            }
        });
        memberships.forEach(m -> {
            if (assignedGroups.contains(m.groupId())) {
                assigned.add(m.memberId());
            }
        });
        return users.stream().filter(u -> u.accountEnabled() && assigned.contains(u.id())).count();
    }
}
