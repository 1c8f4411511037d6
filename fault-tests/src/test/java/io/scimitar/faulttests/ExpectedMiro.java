package io.scimitar.faulttests;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.demo.DemoDirectory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test's own model of one application's directory and what Miro must hold for it, computed with Entra's rules
 * and not by the provisioner: a user is in Miro and active when enabled and assigned directly or through an assigned
 * group, and is never created while disabled; a team (an assigned group) holds every member that is active in Miro and
 * no one who is not a member; a member deactivated in Miro may be in the team or not (Entra only disables a user
 * who gets disabled, so one added before stays, and one not added yet is not added any more); the teams of
 * unassigned groups stay empty.
 */
final class ExpectedMiro {

    private static final int DIFFERENCES_SHOWN = 15;

    /** A directory user with the attributes the Miro profile exports. */
    record Person(String id, String userName, String mail, String givenName, String surname, String displayName,
            boolean enabled) {
    }

    private final Map<String, Person> people = new LinkedHashMap<>();
    private final Set<String> directlyAssigned = new HashSet<>();
    private final Map<String, Set<String>> groupMembers = new LinkedHashMap<>();
    private final Map<String, String> groupNames = new HashMap<>();
    private final Set<String> assignedGroups = new HashSet<>();
    private volatile List<String> lastDifferingUsers = List.of();

    static ExpectedMiro of(DemoDirectory demo) {
        ExpectedMiro expected = new ExpectedMiro();
        demo.users().forEach(u -> expected.people.put(u.id(), new Person(u.id(), u.userPrincipalName(), u.mail(),
                u.givenName(), u.surname(), u.displayName(), u.accountEnabled())));
        demo.groups().forEach(g -> {
            expected.groupMembers.put(g.id(), new HashSet<>());
            expected.groupNames.put(g.id(), g.displayName());
        });
        demo.memberships().forEach(m -> expected.groupMembers.get(m.groupId()).add(m.memberId()));
        demo.assignments().forEach(a -> {
            if (expected.groupMembers.containsKey(a.principalId())) {
                expected.assignedGroups.add(a.principalId());
            } else {
                expected.directlyAssigned.add(a.principalId());
            }
        });
        return expected;
    }

    boolean shouldBeActive(String userId) {
        Person person = people.get(userId);
        return person.enabled() && (directlyAssigned.contains(userId) || assignedGroups.stream()
                .anyMatch(group -> groupMembers.get(group).contains(userId)));
    }

    long activeUsers() {
        return people.keySet().stream().filter(this::shouldBeActive).count();
    }

    List<String> userIds() {
        return List.copyOf(people.keySet());
    }

    Person person(String userId) {
        return people.get(userId);
    }

    boolean isDirectlyAssigned(String userId) {
        return directlyAssigned.contains(userId);
    }

    List<String> assignedGroupIds() {
        return groupMembers.keySet().stream().filter(assignedGroups::contains).toList();
    }

    /** The groups {@code userId} is a member of. */
    List<String> groupsOf(String userId) {
        return groupMembers.entrySet().stream().filter(group -> group.getValue().contains(userId))
                .map(Map.Entry::getKey).toList();
    }

    void rename(String userId, String givenName, String surname) {
        Person p = people.get(userId);
        people.put(userId, new Person(p.id(), p.userName(), p.mail(), givenName, surname, givenName + " " + surname,
                p.enabled()));
    }

    void disable(String userId) {
        Person p = people.get(userId);
        people.put(userId, new Person(p.id(), p.userName(), p.mail(), p.givenName(), p.surname(), p.displayName(),
                false));
    }

    void assignDirectly(String userId) {
        directlyAssigned.add(userId);
    }

    void addMember(String groupId, String userId) {
        groupMembers.get(groupId).add(userId);
    }

    void removeMember(String groupId, String userId) {
        groupMembers.get(groupId).remove(userId);
    }

    /** Fails, listing the first differences, unless {@code state} (the mock's {@code /admin/state}) is as expected. */
    void assertMatches(JsonNode state) {
        assertMatches(state, true);
    }

    /** As {@link #assertMatches(JsonNode)}, but only the users: who is there, once, with which attributes. */
    void assertUsersMatch(JsonNode state) {
        assertMatches(state, false);
    }

    /** The source ids of the users found different at the last check, for a failure's report. */
    List<String> lastDifferingUsers() {
        return List.copyOf(lastDifferingUsers);
    }

    private void assertMatches(JsonNode state, boolean teamsToo) {
        List<String> differences = new ArrayList<>();
        List<String> differingUsers = new ArrayList<>();
        Map<String, JsonNode> miroUsers = new HashMap<>();
        for (JsonNode user : state.path("users")) {
            JsonNode earlier = miroUsers.put(user.path("userName").asText().toLowerCase(), user);
            if (earlier != null) {
                differences.add("duplicate user " + user.path("userName").asText() + " (ids "
                        + earlier.path("id").asText() + " and " + user.path("id").asText() + ")");
            }
        }
        Set<String> known = new HashSet<>();
        for (Person person : people.values()) {
            known.add(person.userName().toLowerCase());
            JsonNode user = miroUsers.get(person.userName().toLowerCase());
            int before = differences.size();
            if (shouldBeActive(person.id())) {
                compareActiveUser(person, user, differences);
            } else if (user != null && user.path("active").asBoolean(true)) {
                differences.add(person.userName() + " is active in Miro but out of scope or disabled");
            }
            if (differences.size() > before) {
                differingUsers.add(person.id());
            }
        }
        lastDifferingUsers = differingUsers;
        miroUsers.keySet().stream().filter(userName -> !known.contains(userName))
                .forEach(userName -> differences.add(userName + " is in Miro but not in the directory"));
        if (teamsToo) {
            compareTeams(state, miroUsers, differences);
        }
        assertThat(differences.subList(0, Math.min(DIFFERENCES_SHOWN, differences.size())))
                .as(differences.size() + " differences between the Miro mock and the expected state, the first "
                        + DIFFERENCES_SHOWN + " shown").isEmpty();
    }

    private static void compareActiveUser(Person person, JsonNode user, List<String> differences) {
        if (user == null) {
            differences.add(person.userName() + " is missing in Miro");
            return;
        }
        if (!user.path("active").asBoolean(true)) {
            differences.add(person.userName() + " is deactivated in Miro");
        }
        compare(person, "displayName", person.displayName(), user.path("displayName").asText(), differences);
        compare(person, "name.givenName", person.givenName(), user.path("name").path("givenName").asText(),
                differences);
        compare(person, "name.familyName", person.surname(), user.path("name").path("familyName").asText(),
                differences);
        String workEmail = null;
        for (JsonNode email : user.path("emails")) {
            if ("work".equals(email.path("type").asText())) {
                workEmail = email.path("value").asText();
            }
        }
        compare(person, "emails[type eq \"work\"].value", person.mail(), workEmail, differences);
    }

    private static void compare(Person person, String attribute, String expected, String actual,
            List<String> differences) {
        if (!expected.equals(actual)) {
            differences.add(person.userName() + " has " + attribute + " '" + actual + "', not '" + expected + "'");
        }
    }

    private void compareTeams(JsonNode state, Map<String, JsonNode> miroUsers, List<String> differences) {
        Map<String, Set<String>> teams = new HashMap<>();
        for (JsonNode team : state.path("teams")) {
            Set<String> members = new TreeSet<>();
            team.path("members").forEach(member -> members.add(member.path("userId").asText()));
            teams.put(team.path("displayName").asText(), members);
        }
        for (Map.Entry<String, Set<String>> group : groupMembers.entrySet()) {
            String name = groupNames.get(group.getKey());
            Set<String> required = new TreeSet<>();
            Set<String> allowed = new TreeSet<>();
            if (assignedGroups.contains(group.getKey())) {
                for (String userId : group.getValue()) {
                    JsonNode user = miroUsers.get(people.get(userId).userName().toLowerCase());
                    if (user != null) {
                        (user.path("active").asBoolean(true) ? required : allowed).add(user.path("id").asText());
                    }
                }
            }
            Set<String> actual = teams.get(name);
            if (actual == null) {
                differences.add("team " + name + " is missing in Miro");
                continue;
            }
            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(actual);
            Set<String> extra = new TreeSet<>(actual);
            extra.removeAll(required);
            extra.removeAll(allowed);
            if (!missing.isEmpty() || !extra.isEmpty()) {
                differences.add("team " + name + " lacks " + missing.size() + " active members " + abbreviate(missing)
                        + " and has " + extra.size() + " it should not " + abbreviate(extra));
            }
        }
    }

    private static String abbreviate(Set<String> ids) {
        return ids.size() <= 5 ? ids.toString() : List.copyOf(ids).subList(0, 5) + "...";
    }
}
