package io.scimitar.deploy.mail;

import io.scimitar.deploy.process.ChildProcess;
import io.scimitar.deploy.process.Ports;
import io.scimitar.deploy.process.SupervisedChildProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server that keeps every message it receives (GreenMail standalone, from Maven Central) as a process of
 * the local stack, so that quarantine emails go somewhere locally; its HTTP API lists the messages per recipient.
 */
public final class MailCatcherProcess extends SupervisedChildProcess {

    /** Where the build copies GreenMail standalone (deploy/local-stack's pom, phase generate-resources). */
    public static final String JAR = "deploy/local-stack/target/mail-catcher/greenmail-standalone.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path jar;
    private final Path directory;
    private final int smtpPort;
    private final int apiPort;

    /**
     * @param jar       GreenMail standalone's jar
     * @param directory where its log goes
     * @param smtpPort  the SMTP port on 127.0.0.1 (no TLS, no authentication)
     * @param apiPort   the HTTP port of its API on 127.0.0.1
     */
    public MailCatcherProcess(Path jar, Path directory, int smtpPort, int apiPort) {
        super("The mail catcher", READY_TIMEOUT);
        this.jar = jar.toAbsolutePath();
        this.directory = directory.toAbsolutePath();
        this.smtpPort = smtpPort;
        this.apiPort = apiPort;
    }

    @Override
    public String name() {
        return "mail catcher";
    }

    @Override
    public Path logFile() {
        return directory.resolve("mail-catcher.log");
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** The API's address: {@code GET <api>/user} lists the recipients, see {@link #messagesOf(String)}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort + "/api";
    }

    /** Where the messages received for {@code address} are read (JSON, with each message's subject and text). */
    public String messagesOf(String address) {
        return apiUrl() + "/user/" + address + "/messages/INBOX";
    }

    /** The line the launcher prints for it. */
    public String describe() {
        return "smtp://127.0.0.1:" + smtpPort + "  (messages: " + messagesOf("{address}") + ", recipients: "
                + apiUrl() + "/user)";
    }

    /** Starts GreenMail; {@link #start()} waits until its API answers that it is ready. */
    @Override
    protected ChildProcess launch() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        return ChildProcess.start("mail-catcher", List.of(ChildProcess.javaExecutable(), "-Xmx96m",
                        "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                        "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                        "-Dgreenmail.auth.disabled", "-jar", jar.toString()),
                directory, Map.of(), logFile());
    }

    public void stop() {
        stopProcess(Duration.ofSeconds(10));
    }

    @Override
    protected boolean answers() {
        if (!Ports.isListening(smtpPort)) {
            return false;
        }
        try {
            HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/service/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
