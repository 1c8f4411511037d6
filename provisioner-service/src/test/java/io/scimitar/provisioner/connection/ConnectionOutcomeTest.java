package io.scimitar.provisioner.connection;

import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimResult;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures without an answer, as the HTTP client reports them (wrapped), get the outcome an administrator needs. */
class ConnectionOutcomeTest {

    @Test
    void namesDnsTlsTimeoutAndRefusedConnections() {
        assertThat(outcomeOf(new UnknownHostException("scim.example.invalid"))).isEqualTo(ConnectionOutcome.DNS_ERROR);
        assertThat(outcomeOf(new SSLHandshakeException("PKIX path building failed")))
                .isEqualTo(ConnectionOutcome.TLS_ERROR);
        assertThat(outcomeOf(new TimeoutException("no answer in 10s"))).isEqualTo(ConnectionOutcome.TIMEOUT);
        assertThat(outcomeOf(new ConnectException("Connection refused"))).isEqualTo(ConnectionOutcome.CONNECTION_REFUSED);
        assertThat(outcomeOf(new IllegalStateException("unexpected"))).isEqualTo(ConnectionOutcome.ERROR);
    }

    @Test
    void namesHttpAnswers() {
        assertThat(ConnectionTester.outcome(failure(401))).isEqualTo(ConnectionOutcome.UNAUTHORIZED);
        assertThat(ConnectionTester.outcome(failure(403))).isEqualTo(ConnectionOutcome.FORBIDDEN);
        assertThat(ConnectionTester.outcome(failure(404))).isEqualTo(ConnectionOutcome.NOT_FOUND);
        assertThat(ConnectionTester.outcome(failure(400))).isEqualTo(ConnectionOutcome.NON_COMPLIANT);
        assertThat(ConnectionTester.outcome(failure(503))).isEqualTo(ConnectionOutcome.ERROR);
    }

    private static ConnectionOutcome outcomeOf(Throwable cause) {
        return ConnectionTester.outcome(ScimClient.failure(new RuntimeException("wrapped", cause)));
    }

    private static ScimResult.Failure failure(int status) {
        return new ScimResult.Failure(status, ScimResult.FailureKind.PERMANENT, "X", null, "detail", null);
    }
}
