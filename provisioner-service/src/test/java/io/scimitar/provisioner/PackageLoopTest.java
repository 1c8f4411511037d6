package io.scimitar.provisioner;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioner's packages depend on each other one way only: no package loop (each sub-package counts on its own),
 * and the shared low packages use no stage.
 */
class PackageLoopTest {

    private static final Path SOURCES = Path.of("src/main/java/io/scimitar/provisioner");
    private static final String ROOT = "io.scimitar.provisioner";
    /** A reference to a type of another provisioner package: imports, static imports and qualified names in code. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\bio\\.scimitar\\.provisioner((?:\\.[a-z_][a-z0-9_]*)+)(?=\\s*\\.\\s*[A-Z*])");
    private static final Pattern COMMENT_OR_TEXT = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\"(?:\\\\.|[^\\\\])*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])+'",
            Pattern.DOTALL);
    private static final Set<String> LOW = Set.of("pipeline", "configuration");
    private static final Set<String> STAGES = Set.of("consumer", "scope", "mapping", "matching", "provisioning",
            "membership", "escrow", "quarantine", "deletions", "log", "replay", "job", "connection");
    private static final Set<String> SIDE_CONCERNS = Set.of("escrow", "quarantine", "deletions", "membership");

    @Test
    void hasNoPackageLoop() throws IOException {
        Map<String, Map<String, Set<String>>> graph = graph();

        assertThat(graph.keySet()).as("packages read").contains("consumer", "provisioning");
        assertThat(loops(graph)).as("package loops (a package, the packages it uses inside its loop, and the files "
                + "that use them)").isEmpty();
    }

    @Test
    void lowPackagesUseNoStage() throws IOException {
        Map<String, Map<String, Set<String>>> graph = graph();
        List<String> violations = new ArrayList<>();
        for (String low : LOW) {
            graph.getOrDefault(low, Map.of()).forEach((used, files) -> {
                if (STAGES.contains(used.split("\\.")[0])) {
                    violations.add(low + " -> " + used + " " + files);
                }
            });
        }
        assertThat(graph.keySet()).containsAll(LOW);
        assertThat(violations).isEmpty();
    }

    /**
     * Escrow, quarantine, the deletion guard and membership are side concerns of the pipeline: each depends on the low
     * packages only, never on another of them (the deletion guard quarantines a job through
     * {@code pipeline.DeletionQuarantine}, which quarantine implements).
     */
    @Test
    void sideConcernsUseNoOtherSideConcern() throws IOException {
        Map<String, Map<String, Set<String>>> graph = graph();
        List<String> violations = new ArrayList<>();
        for (String side : SIDE_CONCERNS) {
            graph.getOrDefault(side, Map.of()).forEach((used, files) -> {
                String top = used.split("\\.")[0];
                if (SIDE_CONCERNS.contains(top) && !top.equals(side)) {
                    violations.add(side + " -> " + used + " " + files);
                }
            });
        }
        assertThat(graph.keySet()).containsAll(SIDE_CONCERNS);
        assertThat(violations).as("side concerns using one another").isEmpty();
    }

    /** Each package (relative to the root) to each other package it uses, with the files that use it. */
    static Map<String, Map<String, Set<String>>> graph() throws IOException {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String from = packageOf(SOURCES.relativize(file.getParent()));
                Map<String, Set<String>> uses = graph.computeIfAbsent(from, p -> new TreeMap<>());
                String code = COMMENT_OR_TEXT.matcher(Files.readString(file)).replaceAll(" ");
                Matcher reference = REFERENCE.matcher(code);
                while (reference.find()) {
                    String to = reference.group(1).substring(1);
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(to, p -> new TreeSet<>()).add(file.getFileName().toString());
                    }
                }
            }
        }
        return graph;
    }

    private static String packageOf(Path relative) {
        String name = relative.toString().replace('/', '.').replace('\\', '.');
        return name.isEmpty() ? "(" + ROOT + ")" : name;
    }

    /** The strongly connected components with more than one package (Tarjan), each described with its edges. */
    static List<String> loops(Map<String, Map<String, Set<String>>> graph) {
        Tarjan tarjan = new Tarjan(graph);
        graph.keySet().forEach(tarjan::visit);
        List<String> loops = new ArrayList<>();
        for (Set<String> component : tarjan.components) {
            if (component.size() < 2) {
                continue;
            }
            StringBuilder loop = new StringBuilder("loop " + component + ":");
            for (String from : component) {
                for (String to : graph.getOrDefault(from, Map.of()).keySet()) {
                    if (from.compareTo(to) < 0 && graph.getOrDefault(to, Map.of()).containsKey(from)) {
                        loop.append("\n  ").append(from).append(" <-> ").append(to);
                    }
                }
            }
            for (String from : component) {
                graph.getOrDefault(from, Map.of()).forEach((to, files) -> {
                    if (component.contains(to)) {
                        loop.append("\n  ").append(from).append(" -> ").append(to).append(' ').append(files);
                    }
                });
            }
            loops.add(loop.toString());
        }
        return loops;
    }

    private static final class Tarjan {
        private final Map<String, Map<String, Set<String>>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        Tarjan(Map<String, Map<String, Set<String>>> graph) {
            this.graph = graph;
        }

        void visit(String node) {
            if (index.containsKey(node)) {
                return;
            }
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                }
            }
            if (lowLink.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                components.add(component);
            }
        }
    }
}
