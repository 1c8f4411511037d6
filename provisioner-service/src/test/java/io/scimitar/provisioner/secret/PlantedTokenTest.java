package io.scimitar.provisioner.secret;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.quarantine.GreenMailResource;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The planted token: a unique token given to jobs whose every request fails in a different way (rejected by the
 * mock, nobody listening, TLS to a plain port, a 5xx, a target echoing the Authorization header in its error and in
 * a 200 that is not SCIM) appears in no API answer, export, quarantine email, stored row or service log line.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class PlantedTokenTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "planted-" + UUID.randomUUID();

    @Inject
    Pool database;

    private final ConcurrentLinkedQueue<String> serviceLog = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringWriter text = new StringWriter().append(record.getLoggerName()).append(' ').append(message);
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            serviceLog.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheServiceLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void appearsInNoAnswerExportStoredRowOrServiceLog() throws IOException {
        try (EchoingTarget echo = new EchoingTarget()) {
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("rejected by the mock", MiroMockResource.scimUrl());
            targets.put("nobody listening", "http://127.0.0.1:" + closedPort() + "/scim");
            targets.put("TLS to a plain port", "https://127.0.0.1:" + echo.plainPort() + "/scim");
            targets.put("5xx echoing the header", echo.url("/echo500/scim"));
            targets.put("SCIM error echoing the header", echo.url("/echo400/scim"));
            targets.put("200 that is not SCIM", echo.url("/plain200/scim"));

            Map<String, String> jobs = new LinkedHashMap<>();
            List<String> users = new ArrayList<>();
            targets.forEach((name, url) -> {
                String app = newApplication();
                String job = createJob(Map.of("name", "Planted " + name, "applicationId", app, "profile", "MIRO",
                        "tenantUrl", url, "secretToken", TOKEN, "allowInsecureHttp", true,
                        "notificationEmail", "ops@example.com", "status", "ON"));
                jobs.put(name, job);
                for (int i = 0; i < 2; i++) {
                    UserSnapshot user = uniqueUser("Planted", "User" + i, "P");
                    users.add(user.id());
                    publish(assigned(app, user, 1));
                }
            });
            jobs.values().forEach(job -> await().atMost(WAIT).until(() -> asReader().get("/api/v1/jobs/" + job
                    + "/logs").jsonPath().getList("entries").size() >= 1));
            await().atMost(WAIT).until(() -> echo.authorizations().contains("Bearer " + TOKEN));

            List<String> answers = new ArrayList<>();
            answers.add(asReader().get("/api/v1/jobs").asString());
            for (String job : jobs.values()) {
                String path = "/api/v1/jobs/" + job;
                answers.add(asReader().get(path).asString());
                answers.add(asReader().get(path + "/progress").asString());
                answers.add(asReader().get(path + "/logs").asString());
                answers.add(asReader().queryParam("status", "failure").get(path + "/logs").asString());
                answers.add(asReader().get(path + "/logs/export").asString());
                answers.add(unzipped(asReader().queryParam("format", "entra").get(path + "/logs/export")
                        .asByteArray()));
                answers.add(asReader().get(path + "/staged-deletions").asString());
                answers.add(asAdmin().post(path + "/test-connection").asString());
                answers.add(asAdmin().post(path + "/dry-run").asString());
                answers.add(asAdmin().contentType(ContentType.JSON).body(Map.of("userId", users.get(0)))
                        .post(path + "/provision-on-demand").asString());
            }
            for (String url : targets.values()) {
                answers.add(asAdmin().contentType(ContentType.JSON).body(Map.of("tenantUrl", url, "secretToken", TOKEN,
                        "allowInsecureHttp", true)).post("/api/v1/connection-tests").asString());
            }

            await().atMost(WAIT).until(() -> emails().stream().anyMatch(mail -> mail.contains("Planted rejected")));
            answers.addAll(emails());

            assertThat(answers).hasSizeGreaterThan(60).allSatisfy(answer -> assertThat(answer).doesNotContain(TOKEN));
            assertThat(storedRowsHolding(TOKEN)).isZero();
            assertThat(serviceLog).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(TOKEN));
        }
    }

    /** Every email sent so far (quarantine notices among them), headers and body. */
    private static List<String> emails() {
        return Arrays.stream(GreenMailResource.smtp().getReceivedMessages()).map(GreenMailUtil::getWholeMessage)
                .toList();
    }

    /** Rows of every table that records jobs and what happened to them, whose text holds {@code value}. */
    private long storedRowsHolding(String value) {
        long count = 0;
        for (String table : List.of("provisioning_job", "provisioning_log", "escrow", "job_quarantine",
                "object_link")) {
            count += database.preparedQuery("select count(*) from " + table + " t where strpos(t::text, $1) > 0")
                    .execute(Tuple.of(value)).await().indefinitely().iterator().next().getLong(0);
        }
        return count;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String unzipped(byte[] zip) throws IOException {
        StringBuilder text = new StringBuilder();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
