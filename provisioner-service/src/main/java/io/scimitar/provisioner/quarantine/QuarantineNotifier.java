package io.scimitar.provisioner.quarantine;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The one email an administrator gets per quarantine episode (a new one when the reason changes). */
@ApplicationScoped
public class QuarantineNotifier {

    private static final Logger LOG = Logger.getLogger(QuarantineNotifier.class);

    private final ReactiveMailer mailer;

    public QuarantineNotifier(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /** Whether the job names an address to notify. */
    static boolean hasAddress(JobDefinition job) {
        return job.notificationEmail() != null && !job.notificationEmail().isBlank();
    }

    /** Sends the email to the job's notification address; false when there is none or sending failed. */
    public Uni<Boolean> notify(JobDefinition job, Quarantine quarantine) {
        if (!hasAddress(job)) {
            return Uni.createFrom().item(false);
        }
        String to = job.notificationEmail();
        Mail mail = Mail.withText(to, subject(job, quarantine), body(job, quarantine));
        return mailer.send(mail).replaceWith(true).onFailure().recoverWithItem(error -> {
            LOG.warnf("Could not send the quarantine email of job %s to %s: %s; it is tried again in %d s",
                    job.id(), to, error.getMessage(), QuarantineKeeper.NOTIFICATION_LEASE.toSeconds());
            return false;
        });
    }

    static String subject(JobDefinition job, Quarantine quarantine) {
        return "Scimitar: provisioning job '" + job.name() + "' is in quarantine (" + quarantine.reason() + ")";
    }

    static String body(JobDefinition job, Quarantine quarantine) {
        return "The provisioning job '" + job.name() + "' (" + job.id() + ") for application " + job.applicationId()
                + " went into quarantine at " + quarantine.since() + ".\n\n"
                + "Reason: " + quarantine.reason() + "\n" + quarantine.detail() + "\n\n"
                + whatToDo(job, quarantine.reason()) + "\n\n"
                + "Target: " + job.tenantUrl() + "\n"
                + lookAt(job, quarantine.reason())
                + "Progress and quarantine state: GET /api/v1/jobs/" + job.id() + "/progress\n";
    }

    /** What the administrator must look at: the held deletions, or the failures. */
    static String lookAt(JobDefinition job, QuarantineReason reason) {
        return reason == QuarantineReason.TooManyDeletes
                ? "The held disables and deletes (who, what, why): GET /api/v1/jobs/" + job.id()
                        + "/staged-deletions\n"
                        + "Their log entries: GET /api/v1/jobs/" + job.id() + "/logs?action=staged_delete\n"
                : "Provisioning logs: GET /api/v1/jobs/" + job.id() + "/logs?status=failure\n";
    }

    private static String whatToDo(JobDefinition job, QuarantineReason reason) {
        return switch (reason) {
            case EncounteredQuarantineException -> "While quarantined the job tries the target less and less often "
                    + "(up to once a day) and leaves quarantine on the first success. Check the tenant URL and the "
                    + "secret token (PUT /api/v1/jobs/" + job.id() + "), then restart the job to try at once.";
            case EncounteredEscrowProportionThreshold -> "Too many changes failed. While quarantined the job "
                    + "processes changes less and less often (up to once a day) and leaves quarantine when they "
                    + "succeed again. Look at the failures in the provisioning logs, fix the cause, and restart.";
            case TooManyDeletes -> "More disables and deletes than the job's deletion threshold came together. All of "
                    + "them are held, none was sent; other changes go on, and restarts neither send nor drop them. "
                    + "If they are intended, allow them with POST /api/v1/jobs/" + job.id()
                    + "/staged-deletions/allow; if not, reject them with POST /api/v1/jobs/" + job.id()
                    + "/staged-deletions/reject and fix the cause in the directory (the quarantine ends once nothing "
                    + "held or rejected is left, or with POST /api/v1/jobs/" + job.id() + "/staged-deletions/clear).";
        };
    }
}
