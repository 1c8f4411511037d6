package io.scimitar.provisioner.job;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.JobStatus;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Formula;

import java.time.Instant;
import java.util.UUID;

/** A provisioning job as stored: an application, a SCIM target and how to provision it. */
@Entity
@Table(name = "provisioning_job")
public class ProvisioningJobEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "application_id", nullable = false)
    public String applicationId;

    /** Whether the directory deleted the application (known_application, filled by the directory package). */
    @Formula("coalesce((select k.deleted_at is not null from known_application k "
            + "where k.application_id = application_id), false)")
    public boolean applicationDeleted;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectorProfile profile;

    @Column(name = "tenant_url", nullable = false)
    public String tenantUrl;

    /**
     * The target's token, encrypted ({@code io.scimitar.provisioner.secret.SecretCipher}, the job id as associated
     * data). Never returned by the API, never logged.
     */
    @Column(name = "secret_token")
    public String encryptedSecretToken;

    /** Whether the tenant URL may be plain http (the token then crosses the network in clear). */
    @Column(name = "allow_insecure_http", nullable = false)
    public boolean allowInsecureHttp;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProvisioningScope scope;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    /** {@link JobConfiguration} as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String configuration;

    @Column(name = "notification_email")
    public String notificationEmail;

    @Column(name = "deletion_threshold", nullable = false)
    public int deletionThreshold;

    @Column(name = "skip_out_of_scope_deletions", nullable = false)
    public boolean skipOutOfScopeDeletions;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    @Override
    public String toString() {
        return "ProvisioningJob[" + id + ", application " + applicationId + ", " + profile + "]";
    }
}
