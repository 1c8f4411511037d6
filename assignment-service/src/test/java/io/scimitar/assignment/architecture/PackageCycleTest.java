package io.scimitar.assignment.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's packages depend on each other one way only: no package reaches back to one that reaches it. */
class PackageCycleTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    /** A reference to a class of the service, imported or fully qualified: the package is the lower-case part. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.scimitar\\.assignment(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void hasNoPackageCycle() throws IOException {
        Map<String, Set<String>> graph = dependencies(SOURCES);
        assertThat(graph).containsKeys("io.scimitar.assignment.user", "io.scimitar.assignment.events");
        assertThat(cycles(graph)).isEmpty();
    }

    @Test
    void findsACycleWhenThereIsOne() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertThat(cycles(graph)).containsExactly("a -> b -> c -> a");
    }

    @Test
    void readsImportsAndFullyQualifiedNames(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"), """
                package io.scimitar.assignment.user;
                import io.scimitar.assignment.group.Group;
                class A { Object b = new io.scimitar.assignment.error.NotFoundException("x", null); }
                """);
        assertThat(dependencies(dir)).containsEntry("io.scimitar.assignment.user",
                Set.of("io.scimitar.assignment.group", "io.scimitar.assignment.error"));
    }

    private static Map<String, Set<String>> dependencies(Path sources) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String from = declared.group(1);
                Set<String> targets = graph.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(text);
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        targets.add(reference.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** Each cycle found by a depth-first walk, as "a -> b -> a". */
    private static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> found = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            walk(start, graph, new ArrayList<>(), done, found);
        }
        return found;
    }

    private static void walk(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done,
            List<String> found) {
        int index = path.indexOf(node);
        if (index >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(index, path.size()));
            cycle.add(node);
            found.add(String.join(" -> ", cycle));
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            walk(next, graph, path, done, found);
        }
        path.remove(path.size() - 1);
        done.add(node);
    }
}
