package io.scimitar.bench;

import io.scimitar.deploy.demo.DemoDirectory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts users of the directory into the mock before the job exists, as a migration from Entra finds them: provisioned
 * with the Miro mapping's values and linked to nothing in Scimitar.
 */
final class MockSeeder {

    private static final int CONNECTIONS = 16;

    private final int port;
    private final String token;

    MockSeeder(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** The first {@code count} users the job will keep active (enabled and assigned, directly or through a group). */
    static List<DemoDirectory.User> chooseActive(DemoDirectory demo, int count) {
        Set<String> assigned = new HashSet<>();
        demo.assignments().forEach(a -> assigned.add(a.principalId()));
        Set<String> assignedGroups = new HashSet<>();
        demo.groups().forEach(g -> {
            if (assigned.contains(g.id())) {
                assignedGroups.add(g.id());
            }
        });
        demo.memberships().forEach(m -> {
            if (assignedGroups.contains(m.groupId())) {
                assigned.add(m.memberId());
            }
        });
        return demo.users().stream().filter(u -> u.accountEnabled() && assigned.contains(u.id())).limit(count)
                .toList();
    }

    /** Creates {@code users} in the mock; answers how many it accepted. */
    long seed(List<DemoDirectory.User> users) throws IOException {
        if (users.isEmpty()) {
            return 0;
        }
        try (NioLoadGenerator generator = new NioLoadGenerator(new InetSocketAddress("127.0.0.1", port),
                Math.min(CONNECTIONS, users.size()))) {
            NioLoadGenerator.Outcome outcome = generator.run(users.size(), System.nanoTime() + 600_000_000_000L,
                    i -> MockCapacity.scimRequest(port, token, "POST", "/api/v1/scim/Users", body(users.get(i))));
            if (outcome.failed() > 0) {
                System.out.printf("  %,d of the seeded users were refused by the mock%n", outcome.failed());
            }
            return outcome.ok();
        }
    }

    private static String body(DemoDirectory.User user) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"));
        resource.put("userName", user.userPrincipalName());
        resource.put("active", true);
        resource.put("displayName", user.displayName());
        Map<String, Object> name = new LinkedHashMap<>();
        name.put("givenName", user.givenName());
        name.put("familyName", user.surname());
        resource.put("name", name);
        return Http.write(resource);
    }
}
