package io.scimitar.deploy;

import io.scimitar.deploy.kafka.KafkaServerProcess;
import io.scimitar.deploy.mail.MailCatcherProcess;
import io.scimitar.deploy.mail.MailRelay;
import io.scimitar.deploy.postgres.PostgresServer;
import io.scimitar.deploy.process.Ports;
import io.scimitar.deploy.process.RestartPolicy;
import io.scimitar.deploy.process.Supervised;
import io.scimitar.deploy.process.Supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kafka, PostgreSQL, a mail catcher (or a real SMTP relay), the Miro mock and both services (one or more instances
 * of each, {@link StackSettings#provisioners()}) as local processes on loopback, started in dependency order and
 * stopped in reverse, with a pid file so that {@code stop} finds them even if the launcher itself was killed. Once up,
 * a {@link Supervisor} restarts any of them that dies unasked, and the pid file follows the new processes.
 */
public final class LocalStack implements AutoCloseable {

    /** Names of the three applications (and of their first instances), for {@link #killService}, {@link #startService} and the log files. */
    public static final String MIRO_MOCK = "miro-scim-mock";
    public static final String ASSIGNMENT_SERVICE = "assignment-service";
    public static final String PROVISIONER_SERVICE = "provisioner-service";

    /** How long a service may take to start; {@code -Dscimitar.stack.readyTimeoutSeconds} for a loaded machine. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("scimitar.stack.readyTimeoutSeconds", 90));
    private static final List<String> DATABASES = List.of("assignments", "provisioner");
    /** Each service's maximum heap ({@code -Xmx}). */
    private static final String SERVICE_HEAP = "512m";
    /**
     * The Miro mock's maximum heap, {@code -Dscimitar.stack.mockHeap} (default 512m): the mock holds its users in
     * memory and takes about one user per 4,500 bytes of it (~119,000 in 512m); the million-user benchmark passes 5g.
     */
    public static final String MOCK_HEAP_PROPERTY = "scimitar.stack.mockHeap";
    /** {@code -Dscimitar.stack.countStatements=true}: PostgreSQL counts each statement's work (see PostgresServer). */
    public static final String COUNT_STATEMENTS_PROPERTY = "scimitar.stack.countStatements";

    private final StackSettings settings;
    private final PostgresServer postgres;
    private final KafkaServerProcess kafka;
    private final MailCatcherProcess mailCatcher;
    private final MailRelay mailRelay;
    private final List<QuarkusServiceProcess> services = new CopyOnWriteArrayList<>();
    private final Object pidFileLock = new Object();
    private Supervisor supervisor;
    private String apiKey;
    private String readerKey;
    private String miroToken;
    private Map<String, String> extraServiceEnvironment = Map.of();

    public LocalStack(StackSettings settings) {
        this.settings = settings;
        this.postgres = new PostgresServer(settings.home().resolve("postgres"), settings.postgresPort(), true);
        if (Boolean.getBoolean(COUNT_STATEMENTS_PROPERTY)) {
            postgres.countStatements();
        }
        this.kafka = new KafkaServerProcess(settings.home().resolve("kafka"), settings.kafkaPort(),
                settings.kafkaControllerPort(), System.getProperty("java.class.path"), "512m");
        this.mailRelay = settings.smtpRelay() ? MailRelay.fromEnvironment(System.getenv()) : null;
        this.mailCatcher = settings.smtpRelay() ? null : new MailCatcherProcess(
                settings.root().resolve(MailCatcherProcess.JAR), settings.home().resolve("mail"), settings.smtpPort(),
                settings.mailApiPort());
    }

    /**
     * More environment for both assignment-service and provisioner-service (e.g. an identity provider's
     * {@code QUARKUS_OIDC_*}), set before {@link #start}.
     */
    public LocalStack withServiceEnvironment(Map<String, String> environment) {
        this.extraServiceEnvironment = Map.copyOf(environment);
        return this;
    }

    /** Starts everything and waits until each part is ready; on failure stops what it started and rethrows. */
    public void start(Reporter reporter) {
        try {
            Files.createDirectories(settings.logs());
            stopLeftovers(settings);
            writePidFile(List.of(ProcessHandle.current().pid()));
            apiKey = ApiKeyFile.readOrCreate(settings.apiKeyFile());
            readerKey = ApiKeyFile.readOrCreate(settings.readerKeyFile());
            miroToken = ApiKeyFile.readOrCreate(settings.miroTokenFile());

            reporter.step("PostgreSQL", "starting on 127.0.0.1:" + settings.postgresPort());
            requireFree(settings.postgresPort(), "PostgreSQL", "--postgres-port");
            postgres.start(DATABASES);

            reporter.step("Kafka", "starting on 127.0.0.1:" + settings.kafkaPort());
            requireFree(settings.kafkaPort(), "Kafka", "--kafka-port");
            requireFree(settings.kafkaControllerPort(), "Kafka's controller", "--kafka-port");
            kafka.start();

            if (mailCatcher != null) {
                reporter.step("mail catcher", "starting SMTP on 127.0.0.1:" + settings.smtpPort());
                requireFree(settings.smtpPort(), "the mail catcher", "--smtp-port");
                requireFree(settings.mailApiPort(), "the mail catcher's API", "--mail-api-port");
                mailCatcher.start();
            }

            services.add(new QuarkusServiceProcess(MIRO_MOCK, settings.root().resolve(MIRO_MOCK),
                    settings.mockPort(), Map.of("MIRO_MOCK_SNAPSHOT_FILE",
                            settings.home().resolve("miro-mock-state.json").toString(), "MIRO_MOCK_TOKEN", miroToken,
                            "MIRO_MOCK_RATE_LIMITS_ENABLED", Boolean.toString(settings.miroRateLimits())),
                    QuarkusServiceProcess.MOCK_JVM_OPTIONS));
            for (int instance = 0; instance < settings.assignmentServices(); instance++) {
                services.add(new QuarkusServiceProcess(instanceName(ASSIGNMENT_SERVICE, instance),
                        settings.root().resolve(ASSIGNMENT_SERVICE), settings.assignmentPort(instance),
                        serviceEnvironment("assignments"), QuarkusServiceProcess.ASSIGNMENT_SERVICE_JVM_OPTIONS));
            }
            for (int instance = 0; instance < settings.provisioners(); instance++) {
                services.add(new QuarkusServiceProcess(instanceName(PROVISIONER_SERVICE, instance),
                        settings.root().resolve(PROVISIONER_SERVICE), settings.provisionerPort(instance),
                        provisionerEnvironment(), QuarkusServiceProcess.PROVISIONER_JVM_OPTIONS));
            }
            // the first instances first: they migrate the databases and create the topics, which further instances
            // starting at the same moment would race for
            List<QuarkusServiceProcess> first = services.stream().filter(service -> !isFurtherInstance(service))
                    .toList();
            startAndAwait(first, reporter);
            startAndAwait(services.stream().filter(LocalStack::isFurtherInstance).toList(), reporter);
            supervise(reporter);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAndAwait(List<QuarkusServiceProcess> starting, Reporter reporter) throws IOException {
        for (QuarkusServiceProcess service : starting) {
            reporter.step(service.name(), "starting on " + service.url());
            service.start(settings.logs(), heap(service));
        }
        writePidFile(pids());
        for (QuarkusServiceProcess service : starting) {
            if (!service.awaitReady(READY_TIMEOUT)) {
                throw new IllegalStateException(service.name() + " was not ready within " + READY_TIMEOUT
                        + "; see " + service.logFile());
            }
            reporter.step(service.name(), "ready");
        }
    }

    private static String heap(QuarkusServiceProcess service) {
        return service.name().equals(MIRO_MOCK) ? System.getProperty(MOCK_HEAP_PROPERTY, SERVICE_HEAP) : SERVICE_HEAP;
    }

    private static boolean isFurtherInstance(QuarkusServiceProcess service) {
        return !service.name().equals(MIRO_MOCK) && !service.name().equals(ASSIGNMENT_SERVICE)
                && !service.name().equals(PROVISIONER_SERVICE);
    }

    /**
     * The name of one instance of {@link #ASSIGNMENT_SERVICE} or {@link #PROVISIONER_SERVICE}, for
     * {@link #killService}, {@link #stopService}, {@link #startService} and its log file: the first instance (0) has
     * the service's name, instance i the name followed by {@code -i} ({@code provisioner-service-1}).
     */
    public static String instanceName(String service, int instance) {
        return instance == 0 ? service : service + "-" + instance;
    }

    /** The names of every instance of {@code service}, the first first. */
    public List<String> instances(String service) {
        int count = switch (service) {
            case ASSIGNMENT_SERVICE -> settings.assignmentServices();
            case PROVISIONER_SERVICE -> settings.provisioners();
            case MIRO_MOCK -> 1;
            default -> throw new IllegalArgumentException("No application named " + service + " in this stack");
        };
        return java.util.stream.IntStream.range(0, count).mapToObj(instance -> instanceName(service, instance))
                .toList();
    }

    /** The base URL ({@code http://127.0.0.1:port}) of an application or of one instance ({@link #instanceName}). */
    public String url(String name) {
        return service(name).url();
    }

    /** Watches every child from now on: one that dies unasked is reported and started again with backoff. */
    private void supervise(Reporter reporter) {
        supervisor = new Supervisor(RestartPolicy.DEFAULT, reporter::step, this::updatePidFile);
        supervisor.watch(postgres);
        supervisor.watch(kafka);
        if (mailCatcher != null) {
            supervisor.watch(mailCatcher);
        }
        services.forEach(supervisor::watch);
    }

    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("Kafka", kafka.bootstrapServers(), settings.home().resolve("kafka/kafka.log")));
        endpoints.add(new Endpoint("PostgreSQL", postgres.jdbcUrl("{assignments,provisioner}") + " (user postgres)",
                settings.home().resolve("postgres")));
        if (mailCatcher != null) {
            endpoints.add(new Endpoint("mail catcher", mailCatcher.describe(), mailCatcher.logFile()));
        } else {
            endpoints.add(new Endpoint("mail", mailRelay.describe(), null));
        }
        for (QuarkusServiceProcess service : services) {
            endpoints.add(new Endpoint(service.name(), service.url() + "  (OpenAPI " + service.url()
                    + "/q/swagger-ui)", service.logFile()));
        }
        return endpoints;
    }

    /** Stops the services, then Kafka, then PostgreSQL, and removes the pid file. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (supervisor != null) {
            supervisor.close();
            supervisor = null;
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
        kafka.stop();
        if (mailCatcher != null) {
            mailCatcher.stop();
        }
        postgres.close();
        try {
            Files.deleteIfExists(settings.pidFile());
        } catch (IOException e) {
            // nothing else to clean up
        }
    }

    /**
     * The operating-system process of one of the applications ({@link #PROVISIONER_SERVICE} ..., or one instance by
     * its {@link #instanceName}) while it runs.
     */
    public synchronized Optional<ProcessHandle> serviceProcess(String name) {
        QuarkusServiceProcess service = service(name);
        return service.isAlive() ? ProcessHandle.of(service.pid()) : Optional.empty();
    }

    /** SIGKILL of one application (or instance), as a crash would; the rest of the stack keeps running. */
    public synchronized void killService(String name) {
        hold(service(name));
        service(name).kill();
    }

    /** Graceful stop (SIGTERM) of one application (or instance); the rest of the stack keeps running. */
    public synchronized void stopService(String name) {
        hold(service(name));
        service(name).stop();
    }

    /**
     * Starts a stopped or killed application (or instance) again, same port and configuration, and waits until it
     * is ready.
     */
    public synchronized void startService(String name) {
        QuarkusServiceProcess service = service(name);
        if (service.isAlive()) {
            return;
        }
        service.start(settings.logs(), heap(service));
        updatePidFile();
        resume(service);
        if (!service.awaitReady(READY_TIMEOUT)) {
            throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + " after a restart; see "
                    + service.logFile());
        }
    }

    /** The broker, to look at; stop and start it through {@link #stopKafka()} and {@link #startKafka()}. */
    public KafkaServerProcess kafka() {
        return kafka;
    }

    /** The database server, to look at; stop and start it through {@link #stopPostgres()}, {@link #startPostgres()}. */
    public PostgresServer postgres() {
        return postgres;
    }

    /** Graceful broker shutdown; its data and port stay reserved for {@link #startKafka()}. */
    public synchronized void stopKafka() {
        hold(kafka);
        kafka.stop();
    }

    /** SIGKILL of the broker, as a crash or a power cut would. */
    public synchronized void killKafka() {
        hold(kafka);
        kafka.kill();
    }

    /** Starts the broker again on the same port and data directory, and waits until it serves metadata. */
    public synchronized void startKafka() {
        kafka.start();
        updatePidFile();
        resume(kafka);
    }

    /** Fast shutdown of PostgreSQL (open connections are closed); the data directory is kept. */
    public synchronized void stopPostgres() {
        hold(postgres);
        postgres.close();
    }

    /** Starts PostgreSQL again on the same port and data directory. */
    public synchronized void startPostgres() {
        postgres.start(DATABASES);
        resume(postgres);
    }

    /** A child stopped on purpose is not restarted by the supervisor until it is started on purpose again. */
    private void hold(Supervised child) {
        if (supervisor != null) {
            supervisor.hold(child);
        }
    }

    private void resume(Supervised child) {
        if (supervisor != null) {
            supervisor.resume(child);
        }
    }

    private QuarkusServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No application named " + name + " in this stack"));
    }

    /** Not under the stack's lock: the supervisor calls it after a restart while {@link #close()} may wait for it. */
    private void updatePidFile() {
        try {
            writePidFile(pids());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops a stack started from the same home folder by another launcher: the launcher first (its shutdown hook
     * stops the rest in order), then whatever it left behind if it had been killed.
     *
     * @return how many processes were stopped
     */
    public static int stopRunning(StackSettings settings) {
        int stopped = 0;
        List<ProcessHandle> recorded = readPidFile(settings.pidFile());
        for (ProcessHandle handle : recorded) {
            if (handle.isAlive() && handle.pid() != ProcessHandle.current().pid()) {
                handle.destroy();
                stopped++;
                try {
                    handle.onExit().get(45, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.descendants().forEach(ProcessHandle::destroyForcibly);
                    handle.destroyForcibly();
                }
            }
        }
        stopped += stopLeftovers(settings);
        try {
            Files.deleteIfExists(settings.pidFile());
        } catch (IOException e) {
            // nothing else to clean up
        }
        return stopped;
    }

    private static int stopLeftovers(StackSettings settings) {
        int stopped = 0;
        for (ProcessHandle handle : readPidFile(settings.pidFile())) {
            if (handle.isAlive() && handle.pid() != ProcessHandle.current().pid()) {
                handle.destroyForcibly();
                stopped++;
            }
        }
        if (PostgresServer.stopOrphan(settings.home().resolve("postgres"), Duration.ofSeconds(30))) {
            stopped++;
        }
        return stopped;
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(ProcessHandle.current().pid());
        pids.add(kafka.pid());
        if (mailCatcher != null) {
            pids.add(mailCatcher.pid());
        }
        services.forEach(service -> pids.add(service.pid()));
        return pids;
    }

    /**
     * What both services are told: the database, the broker, the API keys; and a JDBC pool that waits up to a minute
     * for a connection (Quarkus' default is 5 s), as Flyway's first connection can take longer while several
     * instances start on a busy machine.
     */
    private Map<String, String> serviceEnvironment(String database) {
        Map<String, String> environment = new java.util.HashMap<>(extraServiceEnvironment);
        environment.putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S",
                "SCIMITAR_DB_REACTIVE_URL", postgres.reactiveUrl(database),
                "SCIMITAR_DB_JDBC_URL", postgres.jdbcUrl(database),
                "SCIMITAR_DB_USER", PostgresServer.USER,
                "SCIMITAR_DB_PASSWORD", PostgresServer.PASSWORD,
                "SCIMITAR_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "SCIMITAR_API_ADMIN_KEYS", apiKey,
                "SCIMITAR_API_READER_KEYS", "reader:" + readerKey));
        return environment;
    }

    /**
     * The provisioner's: its key for the tokens at rest (kept in {@code .scimitar/provisioner-secrets-key}, 0600),
     * a target-host policy that lets it reach the mock on this machine, and assignment-service's address and key
     * (progress counts the objects in a job's scope there).
     */
    private Map<String, String> provisionerEnvironment() {
        Map<String, String> environment = new java.util.HashMap<>(serviceEnvironment("provisioner"));
        environment.put("SCIMITAR_PROVISIONER_SECRETS_KEYS",
                SecretsKeyFile.readOrCreate(settings.home().resolve("provisioner-secrets-key")));
        environment.put("SCIMITAR_PROVISIONER_SECRETS_ACTIVE_KEY_ID", SecretsKeyFile.KEY_ID);
        environment.put("SCIMITAR_PROVISIONER_TARGET_HOSTS_ALLOW", "localhost,127.0.0.0/8,::1");
        // progress takes the total of a sync (objects in scope) from assignment-service, with the stack's key
        environment.put("SCIMITAR_PROVISIONER_DIRECTORY_URL", "http://127.0.0.1:" + settings.assignmentPort());
        environment.put("SCIMITAR_PROVISIONER_DIRECTORY_API_KEY", apiKey);
        if (mailCatcher != null) {
            environment.put("SCIMITAR_SMTP_HOST", "127.0.0.1");
            environment.put("SCIMITAR_SMTP_PORT", Integer.toString(mailCatcher.smtpPort()));
            environment.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        } else {
            environment.putAll(mailRelay.provisionerEnvironment());
        }
        return environment;
    }

    /** The mail catcher, or null when the stack sends through a real relay ({@code --smtp-relay}). */
    public MailCatcherProcess mailCatcher() {
        return mailCatcher;
    }

    /** The bearer token of the local Miro mock. */
    public String miroToken() {
        return miroToken;
    }

    /** The admin API key of this stack's services (kept in {@link StackSettings#apiKeyFile()}). */
    public String apiKey() {
        return apiKey;
    }

    /** The reader API key of this stack's services (kept in {@link StackSettings#readerKeyFile()}). */
    public String readerKey() {
        return readerKey;
    }

    private void writePidFile(List<Long> pids) throws IOException {
        synchronized (pidFileLock) {
            Files.write(settings.pidFile(), pids.stream().map(String::valueOf).toList());
        }
    }

    private static List<ProcessHandle> readPidFile(Path pidFile) {
        if (!Files.exists(pidFile)) {
            return List.of();
        }
        try {
            return Files.readAllLines(pidFile).stream().map(String::trim).filter(line -> line.matches("\\d+"))
                    .map(Long::parseLong).map(ProcessHandle::of).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void requireFree(int port, String what, String option) {
        if (Ports.isListening(port)) {
            throw new IllegalStateException("Port " + port + " for " + what + " is already in use; choose another with "
                    + option + " N, or run './scimitar stop' if an earlier stack is still up");
        }
    }

    /** One part of the running stack, for the summary printed at start-up. */
    public record Endpoint(String name, String address, Path log) {
    }

    /** Where the stack reports its progress. */
    public interface Reporter {
        void step(String component, String message);
    }
}
