package io.scimitar.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fully populated event of each type, for contract tests. */
final class SampleEvents {

    static final String APP = "a1f0c2d4-0000-4000-8000-000000000001";
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    private SampleEvents() {
    }

    static UserSnapshot user(String id) {
        return new UserSnapshot(id, "ada@contoso.com", "ada@contoso.com", "ada", "Ada", "Lovelace", "Ada Lovelace",
                "Engineer", "R&D", "Contoso", "E-1", "Employee", "Building 1", "London", "GB", "GB", "+44 1",
                List.of("+44 2"), "en-GB", true, "manager-1",
                Map.of("extension_3fe4_costCenter", "CC-42", "extension_3fe4_level", 7, "extension_3fe4_flag", true),
                AT, AT, null);
    }

    static List<ApplicationEvent> oneOfEachApplicationEvent() {
        return List.of(
                ApplicationStateEvent.of(UUID.randomUUID(), AT, APP, 1, ApplicationStateEvent.CREATED, "Miro"),
                ApplicationDeletedEvent.of(UUID.randomUUID(), AT, APP, 2, "Miro"));
    }

    static List<AssignmentEvent> oneOfEach() {
        RoleAssignment role = new RoleAssignment("as-1", "role-1", "Admin", "Admin", "group-9");
        GroupSnapshot group = new GroupSnapshot("group-9", "Design", "design", "The design team", true, AT, AT, null);
        return List.of(
                UserAssignmentEvent.of(UUID.randomUUID(), AT, APP, 3, "USER_UPDATED", user("user-1"), true,
                        List.of(role), false),
                UserDeletedEvent.of(UUID.randomUUID(), AT, APP, "user-1", 4, "ada@contoso.com"),
                GroupAssignmentEvent.of(UUID.randomUUID(), AT, APP, 1, "ASSIGNMENT_ADDED", group, true,
                        List.of(new RoleAssignment("as-2", "role-0", "User", "Default Access", null)), false),
                GroupMembershipEvent.delta(UUID.randomUUID(), AT, APP, "group-9", 2,
                        List.of(MemberRef.user("user-1")), List.of(MemberRef.group("group-3"))),
                GroupMembershipEvent.snapshotPart(UUID.randomUUID(), AT, APP, "group-9", 2,
                        List.of(MemberRef.user("user-1")),
                        new GroupMembershipEvent.SnapshotPart(UUID.randomUUID(), 1, 1)),
                GroupDeletedEvent.of(UUID.randomUUID(), AT, APP, "group-9", 5, "Design"));
    }
}
