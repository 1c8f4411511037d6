package io.scimitar.provisioner.quarantine;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.scimitar.deploy.process.Ports;

import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a free loopback port, that the service's mailer sends to. Declared
 * for every test class ({@code scope = GLOBAL}) so that all classes share one application start.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail smtp;

    @Override
    public synchronized Map<String, String> start() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(Ports.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public synchronized void stop() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    /** The server, to read what it received. */
    public static GreenMail smtp() {
        return smtp;
    }
}
