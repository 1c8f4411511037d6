package io.scimitar.faulttests;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Changes one application's directory through assignment-service's REST API and records each in the test's
 * {@link ExpectedMiro}, so that the expected Miro state follows what the test did.
 */
final class DirectoryChanges {

    private final Supplier<Http> directory;
    private final String applicationId;
    private final ExpectedMiro expected;
    private final Set<String> touched = new HashSet<>();

    DirectoryChanges(Http directory, String applicationId, ExpectedMiro expected) {
        this(() -> directory, applicationId, expected);
    }

    /** Each change through the instance of assignment-service {@code directory} gives at that moment. */
    DirectoryChanges(Supplier<Http> directory, String applicationId, ExpectedMiro expected) {
        this.directory = directory;
        this.applicationId = applicationId;
        this.expected = expected;
    }

    /**
     * A few changes of every kind, each on users no earlier change touched: renames and disables of users in scope,
     * direct assignments and group additions that bring users into scope, group removals that take users out.
     */
    void aFewOfEachKind() {
        String team = expected.assignedGroupIds().get(0);
        pick(3, this::inScope).forEach(id -> rename(id, "Renamed", expected.person(id).surname() + "-Changed"));
        pick(2, this::inScope).forEach(this::disable);
        pick(2, this::enabledOutOfScope).forEach(this::assign);
        pick(2, this::enabledOutOfScope).forEach(id -> addMember(team, id));
        pick(2, id -> inScope(id) && !expected.isDirectlyAssigned(id) && expected.groupsOf(id).size() == 1)
                .forEach(id -> removeMember(expected.groupsOf(id).get(0), id));
    }

    void rename(String userId, String givenName, String surname) {
        directory.get().patch("/api/v1/users/" + userId, Map.of("givenName", givenName, "surname", surname,
                "displayName", givenName + " " + surname));
        expected.rename(userId, givenName, surname);
    }

    void disable(String userId) {
        directory.get().patch("/api/v1/users/" + userId, Map.of("accountEnabled", false));
        expected.disable(userId);
    }

    void assign(String userId) {
        directory.get().post("/api/v1/applications/" + applicationId + "/appRoleAssignments",
                Map.of("principalId", userId), 201);
        expected.assignDirectly(userId);
    }

    void addMember(String groupId, String userId) {
        directory.get().post("/api/v1/groups/" + groupId + "/members", Map.of("id", userId), 201);
        expected.addMember(groupId, userId);
    }

    void removeMember(String groupId, String userId) {
        directory.get().delete("/api/v1/groups/" + groupId + "/members/" + userId);
        expected.removeMember(groupId, userId);
    }

    private boolean inScope(String userId) {
        return expected.shouldBeActive(userId);
    }

    private boolean enabledOutOfScope(String userId) {
        return expected.person(userId).enabled() && !expected.shouldBeActive(userId);
    }

    private List<String> pick(int count, Predicate<String> eligible) {
        List<String> picked = expected.userIds().stream().filter(id -> !touched.contains(id)).filter(eligible)
                .limit(count).toList();
        if (picked.size() < count) {
            throw new IllegalStateException("The directory has too few users for these changes");
        }
        touched.addAll(picked);
        return picked;
    }
}
