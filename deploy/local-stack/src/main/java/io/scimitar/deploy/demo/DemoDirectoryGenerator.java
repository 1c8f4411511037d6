package io.scimitar.deploy.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates a realistic demo directory of any size, the same for the same seed: people in departments with
 * managers, offices and extension attributes, a few disabled accounts, department teams as groups, and assignments
 * to the demo application (half the teams, plus some people directly, a few as admins).
 */
public final class DemoDirectoryGenerator {

    public static final int MIN_USERS = 10;
    public static final int MAX_USERS = 1_000_000;
    /**
     * Teams are one per 100 users up to this many (10,000 at 1,000,000 users); directories of up to 100,000 users
     * keep the 1,000 teams or fewer they always had, so their figures compare across runs.
     */
    public static final int MAX_GROUPS = 10_000;

    public static final String DOMAIN = "example.com";
    private static final String[] GIVEN = {"Ada", "Alan", "Grace", "Linus", "Barbara", "Edsger", "Margaret", "Ken",
        "Dennis", "Frances", "Hedy", "Tim", "Radia", "Donald", "Katherine", "John", "Mary", "Niklaus", "Sophie",
        "Guido", "Anita", "Bjarne", "Lynn", "James", "Shafi", "Vint", "Annie", "Whitfield", "Joan", "Leslie",
        "Yukihiro", "Fran", "Adele", "Ivan", "Hamid", "Chioma", "Mateus", "Ingrid", "Søren", "Zoë"};
    private static final String[] SURNAMES = {"Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Dijkstra",
        "Hamilton", "Thompson", "Ritchie", "Allen", "Lamarr", "Berners-Lee", "Perlman", "Knuth", "Johnson",
        "McCarthy", "Keller", "Wirth", "Wilson", "van Rossum", "Borg", "Stroustrup", "Conway", "Gosling",
        "Goldwasser", "Cerf", "Easley", "Diffie", "Clarke", "Lamport", "Matsumoto", "Allen", "Goldberg",
        "Sutherland", "Karimi", "Okafor", "Silva", "Nygaard", "Kierkegaard", "Müller"};
    private static final String[] DEPARTMENTS = {"Engineering", "Design", "Sales", "Marketing", "Finance", "Legal",
        "People", "Support", "Product", "Research", "Operations", "Security"};
    private static final String[] TITLES = {"Engineer", "Senior Engineer", "Designer", "Account Executive",
        "Analyst", "Counsel", "Partner", "Specialist", "Manager", "Researcher", "Coordinator", "Architect"};
    private static final String[][] OFFICES = {{"Berlin", "DE", "de-DE"}, {"London", "GB", "en-GB"},
        {"Amsterdam", "NL", "nl-NL"}, {"New York", "US", "en-US"}, {"São Paulo", "BR", "pt-BR"},
        {"Tokyo", "JP", "ja-JP"}};

    private DemoDirectoryGenerator() {
    }

    /**
     * What to generate.
     *
     * @param size               users
     * @param seed               the same seed gives the same directory (ids, names, who is in which team)
     * @param domain             the domain of every user principal name and e-mail, so that several directories can
     *                           share one assignment-service (user principal names are unique there)
     * @param everyTeamAssigned  true: every team is assigned to the application, so nearly every user is in scope;
     *                           false: half the teams, as the demo
     */
    public record Shape(int size, long seed, String domain, boolean everyTeamAssigned) {
    }

    public static DemoDirectory generate(int size, long seed) {
        return generate(new Shape(size, seed, DOMAIN, false));
    }

    public static DemoDirectory generate(Shape shape) {
        int size = shape.size();
        long seed = shape.seed();
        if (size < MIN_USERS || size > MAX_USERS) {
            throw new IllegalArgumentException("The demo size must be between " + MIN_USERS + " and " + MAX_USERS
                    + " users, not " + size);
        }
        Random random = new Random(seed);
        int departments = Math.min(DEPARTMENTS.length, Math.max(3, size / 10));
        List<DemoDirectory.User> users = new ArrayList<>(size);
        Map<Integer, String> heads = new HashMap<>();
        for (int i = 0; i < size; i++) {
            int department = i % departments;
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String surname = SURNAMES[random.nextInt(SURNAMES.length)];
            String alias = ascii(given + "." + surname).toLowerCase().replace(" ", "") + "." + (i + 1);
            String upn = alias + "@" + shape.domain();
            String[] office = OFFICES[random.nextInt(OFFICES.length)];
            String id = id(seed, "user", i);
            boolean head = !heads.containsKey(department);
            if (head) {
                heads.put(department, id);
            }
            Map<String, Object> extensions = new HashMap<>();
            extensions.put("extension_demo_costCenter", "CC-" + (100 + department));
            extensions.put("extension_demo_level", 1 + random.nextInt(7));
            extensions.put("extension_demo_remote", random.nextInt(4) == 0);
            users.add(new DemoDirectory.User(id, upn, upn, alias, given, surname, given + " " + surname,
                    head ? "Head of " + DEPARTMENTS[department] : TITLES[random.nextInt(TITLES.length)],
                    DEPARTMENTS[department], "Contoso", String.format("E%06d", i + 1), office[0] + " HQ", office[0],
                    office[1], office[1], office[2], head || random.nextInt(33) != 0, head ? null
                    : heads.get(department), extensions));
        }
        int groupCount = teamCount(size, departments);
        List<DemoDirectory.Group> groups = new ArrayList<>(groupCount);
        for (int g = 0; g < groupCount; g++) {
            String department = DEPARTMENTS[g % departments];
            String name = department + " Team " + (g / departments + 1);
            groups.add(new DemoDirectory.Group(id(seed, "group", g), name, ascii(name).toLowerCase()
                    .replace(' ', '-'), "The " + name + " of " + department));
        }
        List<DemoDirectory.Membership> memberships = new ArrayList<>(size);
        int teamsPerDepartment = (groupCount + departments - 1) / departments;
        for (int i = 0; i < size; i++) {
            int department = i % departments;
            int team = Math.min(groupCount - 1, department + departments * ((i / departments) % teamsPerDepartment));
            memberships.add(new DemoDirectory.Membership(groups.get(team).id(), users.get(i).id()));
        }
        List<DemoDirectory.Assignment> assignments = new ArrayList<>();
        for (int g = 0; g < groupCount; g += shape.everyTeamAssigned() ? 1 : 2) {
            assignments.add(new DemoDirectory.Assignment(groups.get(g).id(), "User"));
        }
        for (int i = 0; i < size; i += 10) {
            assignments.add(new DemoDirectory.Assignment(users.get(i).id(), i % 50 == 0 ? "Admin" : "User"));
        }
        return new DemoDirectory(users, groups, memberships, assignments);
    }

    /** One team per 100 users, at least one per department, at most {@link #MAX_GROUPS}. */
    static int teamCount(int size, int departments) {
        return Math.max(departments, Math.min(MAX_GROUPS, size / 100));
    }

    private static String id(long seed, String kind, int index) {
        return UUID.nameUUIDFromBytes((seed + "/" + kind + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String ascii(String text) {
        return java.text.Normalizer.normalize(text.replace("ø", "o").replace("Ø", "O").replace("ß", "ss"),
                java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("[^A-Za-z0-9.\\- ]", "");
    }
}
