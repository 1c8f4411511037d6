package io.scimitar.deploy;

import io.scimitar.deploy.process.Ports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Where the local stack keeps its data and which loopback ports it uses; parsed from {@code --name value} options.
 *
 * @param root             the repository root, where each module's {@code target/quarkus-app} is
 * @param home             the folder holding every data directory, log and the pid file (kept between runs)
 * @param kafkaPort        Kafka's PLAINTEXT listener
 * @param kafkaControllerPort Kafka's KRaft controller listener
 * @param postgresPort     PostgreSQL
 * @param mockPort         miro-scim-mock's HTTP port
 * @param assignmentPort   assignment-service's HTTP port (of its first instance)
 * @param provisionerPort  provisioner-service's HTTP port (of its first instance)
 * @param assignmentServices instances of assignment-service (1 by default); instance i listens on
 *                         {@code assignmentPort + 100 * i}
 * @param provisioners     instances of provisioner-service (1 by default); instance i listens on
 *                         {@code provisionerPort + 100 * i}
 * @param smtpPort         the mail catcher's SMTP port
 * @param mailApiPort      the mail catcher's HTTP API
 * @param smtpRelay        send emails through the relay named in the environment instead of the mail catcher
 */
public record StackSettings(Path root, Path home, int kafkaPort, int kafkaControllerPort, int postgresPort,
        int mockPort, int assignmentPort, int provisionerPort, int assignmentServices, int provisioners,
        boolean miroRateLimits, int smtpPort, int mailApiPort, boolean smtpRelay, List<String> unparsed) {

    /** Instance i of a service listens on its first instance's port + i times this. */
    public static final int INSTANCE_PORT_STEP = 100;
    /** The most instances of one service the local stack runs. */
    public static final int MAX_INSTANCES = 9;

    public static final String USAGE = """
            Options (all optional):
              --home DIR               data, logs and pid file (default .scimitar)
              --kafka-port N           Kafka listener (default 19092; its controller uses N+1)
              --postgres-port N        PostgreSQL (default 15432)
              --mock-port N            miro-scim-mock (default 8083)
              --assignment-port N      assignment-service (default 8081)
              --provisioner-port N     provisioner-service (default 8082)
              --assignment-services N  instances of assignment-service (default 1, at most 9): the first on
                                       --assignment-port, instance i on that port + 100 * i; they share the database
                                       and the outbox relay (one relays at a time)
              --provisioners N         instances of provisioner-service (default 1, at most 9): the first on
                                       --provisioner-port, instance i on that port + 100 * i; each job's partitions
                                       are shared among them
              --miro-rate-limits       the Miro mock enforces Miro's per-30-second rate limits (default off)
              --smtp-port N            the mail catcher's SMTP port, where quarantine emails go (default 2525)
              --mail-api-port N        the mail catcher's HTTP API, to read them (default 8025)
              --smtp-relay             send emails through a real relay instead: SCIMITAR_SMTP_HOST, SCIMITAR_SMTP_PORT
                                       (587), SCIMITAR_SMTP_TLS (starttls|tls|none), SCIMITAR_SMTP_USER,
                                       SCIMITAR_SMTP_PASSWORD, SCIMITAR_MAIL_FROM from the environment
              --demo-size N            users in the demo directory (default 1000; 10 to 1000000)
              --seed N                 the demo directory's seed (default 42): the same seed, the same directory
              --no-demo                start the stack only, load nothing
              --follow                 after the initial sync, print every change as the job applies it
              --exit-when-done         stop everything once the initial sync is done (for scripts and benchmarks)""";

    public static StackSettings parse(Path root, List<String> arguments) {
        Path home = root.resolve(".scimitar");
        int kafka = 19092;
        int postgres = 15432;
        int mock = 8083;
        int assignment = 8081;
        int provisioner = 8082;
        int assignmentServices = 1;
        int provisioners = 1;
        boolean rateLimits = false;
        int smtp = 2525;
        int mailApi = 8025;
        boolean relay = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String option = arguments.get(i);
            switch (option) {
                case "--home" -> home = root.resolve(value(arguments, ++i, option));
                case "--kafka-port" -> kafka = port(arguments, ++i, option);
                case "--postgres-port" -> postgres = port(arguments, ++i, option);
                case "--mock-port" -> mock = port(arguments, ++i, option);
                case "--assignment-port" -> assignment = port(arguments, ++i, option);
                case "--provisioner-port" -> provisioner = port(arguments, ++i, option);
                case "--assignment-services" -> assignmentServices = instances(arguments, ++i, option);
                case "--provisioners" -> provisioners = instances(arguments, ++i, option);
                case "--miro-rate-limits" -> rateLimits = true;
                case "--smtp-port" -> smtp = port(arguments, ++i, option);
                case "--mail-api-port" -> mailApi = port(arguments, ++i, option);
                case "--smtp-relay" -> relay = true;
                default -> rest.add(option);
            }
        }
        if (assignment + INSTANCE_PORT_STEP * (assignmentServices - 1) > 65535
                || provisioner + INSTANCE_PORT_STEP * (provisioners - 1) > 65535) {
            throw new IllegalArgumentException("The last instance's port (the first's + 100 per instance) is above"
                    + " 65535: choose a lower --assignment-port or --provisioner-port");
        }
        StackSettings settings = new StackSettings(root, home.toAbsolutePath().normalize(), kafka, kafka + 1, postgres,
                mock, assignment, provisioner, assignmentServices, provisioners, rateLimits, smtp, mailApi, relay,
                List.copyOf(rest));
        settings.requireDistinctPorts();
        return settings;
    }

    /**
     * A stack in {@code home} with these instance counts on loopback ports free now and all distinct (Kafka's
     * controller port and every further instance's port included), and any {@code further} options. For tests and
     * benchmarks that run a stack beside whatever else the machine runs.
     */
    public static StackSettings onFreePorts(Path root, Path home, int assignmentServices, int provisioners,
            String... further) {
        Set<Integer> taken = new HashSet<>();
        List<String> options = new ArrayList<>(List.of("--home", home.toString(),
                "--kafka-port", freePort(taken, 0, 1), "--postgres-port", freePort(taken, 0),
                "--mock-port", freePort(taken, 0),
                "--assignment-port", freePort(taken, instanceOffsets(assignmentServices)),
                "--provisioner-port", freePort(taken, instanceOffsets(provisioners)),
                "--smtp-port", freePort(taken, 0), "--mail-api-port", freePort(taken, 0),
                "--assignment-services", Integer.toString(assignmentServices),
                "--provisioners", Integer.toString(provisioners)));
        options.addAll(List.of(further));
        return parse(root, options);
    }

    /** Where each of {@code instances} instances listens, from the first instance's port. */
    private static int[] instanceOffsets(int instances) {
        return IntStream.range(0, instances).map(i -> INSTANCE_PORT_STEP * i).toArray();
    }

    /** A free port p, p + each offset free too and none of them in {@code taken}; adds them to it. */
    private static String freePort(Set<Integer> taken, int... offsets) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = Ports.freePort();
            boolean usable = IntStream.of(offsets).allMatch(offset -> port + offset <= 65534
                    && !taken.contains(port + offset) && (offset == 0 || !Ports.isListening(port + offset)));
            if (usable) {
                IntStream.of(offsets).forEach(offset -> taken.add(port + offset));
                return Integer.toString(port);
            }
        }
        throw new IllegalStateException("No free loopback ports found for the local stack");
    }

    /** Two parts on one port would fail at start-up, after the first had started: refused here, with both named. */
    private void requireDistinctPorts() {
        Map<Integer, String> owners = new LinkedHashMap<>();
        claim(owners, kafkaPort, "--kafka-port");
        claim(owners, kafkaControllerPort, "--kafka-port (its controller, N+1)");
        claim(owners, postgresPort, "--postgres-port");
        claim(owners, mockPort, "--mock-port");
        for (int i = 0; i < assignmentServices; i++) {
            claim(owners, assignmentPort(i), i == 0 ? "--assignment-port" : "--assignment-port (instance " + i + ")");
        }
        for (int i = 0; i < provisioners; i++) {
            claim(owners, provisionerPort(i), i == 0 ? "--provisioner-port" : "--provisioner-port (instance " + i + ")");
        }
        if (!smtpRelay) {
            claim(owners, smtpPort, "--smtp-port");
            claim(owners, mailApiPort, "--mail-api-port");
        }
    }

    private static void claim(Map<Integer, String> owners, int port, String option) {
        String owner = owners.putIfAbsent(port, option);
        if (owner != null) {
            throw new IllegalArgumentException(option + " and " + owner + " both use port " + port
                    + ": give each part of the stack its own port");
        }
    }

    /** The HTTP port of assignment-service's instance {@code instance} (0 is the first). */
    public int assignmentPort(int instance) {
        return assignmentPort + INSTANCE_PORT_STEP * instance;
    }

    /** The HTTP port of provisioner-service's instance {@code instance} (0 is the first). */
    public int provisionerPort(int instance) {
        return provisionerPort + INSTANCE_PORT_STEP * instance;
    }

    public Path pidFile() {
        return home.resolve("stack.pids");
    }

    /** The admin API key of the local services, created on first run, readable by its owner only. */
    public Path apiKeyFile() {
        return home.resolve("api-key");
    }

    /** The reader API key of the stack's services (sees everything, changes nothing): e.g. for the web console. */
    public Path readerKeyFile() {
        return home.resolve("reader-api-key");
    }

    /** The bearer token of the local Miro mock, created on first run. */
    public Path miroTokenFile() {
        return home.resolve("miro-mock-token");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    private static String value(List<String> arguments, int index, String option) {
        if (index >= arguments.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments.get(index);
    }

    private static int instances(List<String> arguments, int index, String option) {
        String value = value(arguments, index, option);
        try {
            int count = Integer.parseInt(value);
            if (count < 1 || count > MAX_INSTANCES) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number from 1 to " + MAX_INSTANCES + ", not '"
                    + value + "'");
        }
    }

    private static int port(List<String> arguments, int index, String option) {
        String value = value(arguments, index, option);
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65534) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number, not '" + value + "'");
        }
    }
}
