package io.scimitar.deploy.mail;

import io.scimitar.deploy.StackSettings;
import io.scimitar.deploy.process.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local stack's mail catcher (a real SMTP server as its own process) and the real-relay option. */
class MailCatcherProcessTest {

    @TempDir
    Path home;

    @Test
    void keepsWhatItReceivesOverSmtpAndShowsItThroughTheAddressTheLauncherPrints() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
        StackSettings settings = StackSettings.parse(root, List.of("--smtp-port", Integer.toString(Ports.freePort()),
                "--mail-api-port", Integer.toString(Ports.freePort())));
        MailCatcherProcess catcher = new MailCatcherProcess(root.resolve(MailCatcherProcess.JAR), home,
                settings.smtpPort(), settings.mailApiPort());
        try {
            catcher.start();

            send(catcher.smtpPort(), "admin@example.com", "Scimitar: provisioning job 'Miro' is in quarantine");

            assertThat(catcher.describe()).contains("smtp://127.0.0.1:" + settings.smtpPort())
                    .contains("http://127.0.0.1:" + settings.mailApiPort() + "/api/user/{address}/messages/INBOX");
            HttpResponse<String> messages = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(catcher.messagesOf("admin@example.com"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(messages.statusCode()).isEqualTo(200);
            assertThat(messages.body()).contains("is in quarantine");
        } finally {
            catcher.stop();
        }
    }

    @Test
    void aRealRelayComesFromTheEnvironmentAndNeverShowsItsPassword() {
        MailRelay relay = MailRelay.fromEnvironment(Map.of("SCIMITAR_SMTP_HOST", "smtp.example.com",
                "SCIMITAR_SMTP_TLS", "starttls", "SCIMITAR_SMTP_USER", "scimitar", "SCIMITAR_SMTP_PASSWORD",
                "s3cret-relay-password"));

        assertThat(relay.describe()).contains("smtp.example.com:587").contains("starttls").contains("scimitar")
                .doesNotContain("s3cret-relay-password");
        assertThat(relay.toString()).doesNotContain("s3cret-relay-password");
        assertThat(relay.provisionerEnvironment()).containsEntry("QUARKUS_MAILER_PASSWORD", "s3cret-relay-password")
                .containsEntry("QUARKUS_MAILER_START_TLS", "REQUIRED").containsEntry("SCIMITAR_SMTP_PORT", "587");
        assertThatThrownBy(() -> MailRelay.fromEnvironment(Map.of())).hasMessageContaining("SCIMITAR_SMTP_HOST");
        assertThatThrownBy(() -> MailRelay.fromEnvironment(Map.of("SCIMITAR_SMTP_HOST", "h", "SCIMITAR_SMTP_TLS",
                "ssl3"))).hasMessageContaining("starttls, tls or none");
    }

    /** A plain SMTP conversation, as the provisioner's mailer has it with the catcher. */
    private static void send(int port, String to, String subject) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.US_ASCII));
             Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
            expect(in, "220");
            for (String[] step : new String[][]{{"HELO localhost", "250"}, {"MAIL FROM:<scimitar@localhost>", "250"},
                    {"RCPT TO:<" + to + ">", "250"}, {"DATA", "354"},
                    {"Subject: " + subject + "\r\n\r\nHeld deletions: GET /api/v1/jobs/1/staged-deletions\r\n.", "250"},
                    {"QUIT", "221"}}) {
                out.write(step[0] + "\r\n");
                out.flush();
                expect(in, step[1]);
            }
        }
    }

    private static void expect(BufferedReader in, String code) throws Exception {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        assertThat(line).startsWith(code);
    }
}
