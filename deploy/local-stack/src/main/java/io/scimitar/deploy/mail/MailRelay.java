package io.scimitar.deploy.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A real SMTP relay for the provisioner's quarantine emails instead of the mail catcher ({@code --smtp-relay}), read
 * from the environment: {@code SCIMITAR_SMTP_HOST}, {@code SCIMITAR_SMTP_PORT} (587), {@code SCIMITAR_SMTP_TLS}
 * ({@code starttls}, {@code tls} or {@code none}; starttls), {@code SCIMITAR_SMTP_USER},
 * {@code SCIMITAR_SMTP_PASSWORD}, {@code SCIMITAR_MAIL_FROM}. The password is handed to the provisioner only, never
 * printed.
 */
public record MailRelay(String host, int port, Tls tls, String user, String password, String from) {

    /** How the connection to the relay is secured. */
    public enum Tls {
        /** STARTTLS required (submission, port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS,
        /** None: only for a relay on a trusted network. */
        NONE
    }

    public static MailRelay fromEnvironment(Map<String, String> environment) {
        String host = environment.get("SCIMITAR_SMTP_HOST");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--smtp-relay needs SCIMITAR_SMTP_HOST (and SCIMITAR_SMTP_PORT, "
                    + "SCIMITAR_SMTP_TLS, SCIMITAR_SMTP_USER, SCIMITAR_SMTP_PASSWORD) in the environment");
        }
        String portText = environment.getOrDefault("SCIMITAR_SMTP_PORT", "587");
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SCIMITAR_SMTP_PORT must be a port number, not '" + portText + "'");
        }
        String tlsText = environment.getOrDefault("SCIMITAR_SMTP_TLS", "starttls").trim().toUpperCase(Locale.ROOT);
        Tls tls;
        try {
            tls = Tls.valueOf(tlsText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SCIMITAR_SMTP_TLS must be starttls, tls or none, not '"
                    + tlsText.toLowerCase(Locale.ROOT) + "'");
        }
        return new MailRelay(host.trim(), port, tls, blankToNull(environment.get("SCIMITAR_SMTP_USER")),
                blankToNull(environment.get("SCIMITAR_SMTP_PASSWORD")), blankToNull(environment.get(
                        "SCIMITAR_MAIL_FROM")));
    }

    /** The provisioner's environment for this relay (Quarkus Mailer's keys). */
    public Map<String, String> provisionerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SCIMITAR_SMTP_HOST", host);
        environment.put("SCIMITAR_SMTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_MAILER_START_TLS", tls == Tls.STARTTLS ? "REQUIRED" : "DISABLED");
        environment.put("QUARKUS_MAILER_TLS", Boolean.toString(tls == Tls.TLS));
        if (user != null) {
            environment.put("QUARKUS_MAILER_USERNAME", user);
        }
        if (password != null) {
            environment.put("QUARKUS_MAILER_PASSWORD", password);
        }
        if (from != null) {
            environment.put("SCIMITAR_MAIL_FROM", from);
        }
        return environment;
    }

    /** What the launcher prints: never the password. */
    public String describe() {
        return "relay smtp://" + host + ":" + port + " (" + tls.name().toLowerCase(Locale.ROOT)
                + (user == null ? ", no login" : ", user " + user + ", password " + (password == null ? "none" : "set"))
                + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
