package io.scimitar.provisioner.connection;

import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimResult;
import io.scimitar.provisioner.secret.SecretScrubber;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures without an answer, as the HTTP client reports them (wrapped), get the outcome an administrator needs. */
class ConnectionOutcomeTest {

    @Test
    void namesTlsAndTimeoutsAndTellsNothingMoreOfUnreachableTargets() {
        assertThat(outcomeOf(new UnknownHostException("scim.example.invalid"))).isEqualTo(ConnectionOutcome.UNREACHABLE);
        assertThat(outcomeOf(new SSLHandshakeException("PKIX path building failed")))
                .isEqualTo(ConnectionOutcome.TLS_ERROR);
        assertThat(outcomeOf(new TimeoutException("no answer in 10s"))).isEqualTo(ConnectionOutcome.TIMEOUT);
        assertThat(outcomeOf(new ConnectException("Connection refused"))).isEqualTo(ConnectionOutcome.UNREACHABLE);
        assertThat(outcomeOf(new IllegalStateException("Connection was closed"))).isEqualTo(ConnectionOutcome.UNREACHABLE);
        assertThat(ConnectionTester.outcome(ScimClient.refused("denied"))).isEqualTo(ConnectionOutcome.REFUSED_BY_POLICY);
    }

    @Test
    void namesHttpAnswers() {
        assertThat(ConnectionTester.outcome(failure(401))).isEqualTo(ConnectionOutcome.UNAUTHORIZED);
        assertThat(ConnectionTester.outcome(failure(403))).isEqualTo(ConnectionOutcome.FORBIDDEN);
        assertThat(ConnectionTester.outcome(failure(404))).isEqualTo(ConnectionOutcome.NOT_FOUND);
        assertThat(ConnectionTester.outcome(failure(400))).isEqualTo(ConnectionOutcome.NON_COMPLIANT);
        assertThat(ConnectionTester.outcome(failure(503))).isEqualTo(ConnectionOutcome.SERVER_ERROR);
        assertThat(ConnectionTester.outcome(failure(500))).isEqualTo(ConnectionOutcome.SERVER_ERROR);
    }

    private static ConnectionOutcome outcomeOf(Throwable cause) {
        return ConnectionTester.outcome(ScimClient.failure(new RuntimeException("wrapped", cause),
                SecretScrubber.none()));
    }

    private static ScimResult.Failure failure(int status) {
        return new ScimResult.Failure(status, ScimResult.FailureKind.PERMANENT, "X", null, "detail", null);
    }
}
