package io.scimitar.provisioner.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.scimitar.provisioner.configuration.JobConfiguration;
import io.scimitar.provisioner.configuration.JobStatus;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.configuration.TargetRateLimits;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.consumer.ObjectCounter;
import io.scimitar.provisioner.directory.KnownApplicationGuard;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.scimitar.provisioner.pipeline.JobProposal;
import io.scimitar.provisioner.quarantine.RecentOutcomesByJob;
import io.scimitar.provisioner.ratelimit.RateLimiters;
import io.scimitar.provisioner.replay.JobRestarter;
import io.scimitar.provisioner.replay.RestartRequest;
import io.scimitar.provisioner.secret.SecretCipher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates, changes and removes jobs, and keeps the running jobs in step with what is stored. */
@ApplicationScoped
public class JobService implements JobLookup {

    static final int DEFAULT_DELETION_THRESHOLD = 500;

    private final JobRepository jobs;
    private final JobValidator validator;
    private final JobRunnerRegistry runners;
    private final JobRestarter restarter;
    private final ObjectMapper json;
    private final RateLimiters rateLimiters;
    private final ObjectCounter counter;
    private final SecretCipher secrets;
    private final TargetGuard targets;
    private final KnownApplicationGuard applications;
    private final RecentOutcomesByJob outcomes;

    public JobService(JobRepository jobs, JobValidator validator, JobRunnerRegistry runners, JobRestarter restarter,
            ObjectMapper json, RateLimiters rateLimiters, ObjectCounter counter, SecretCipher secrets,
            TargetGuard targets, KnownApplicationGuard applications, RecentOutcomesByJob outcomes) {
        this.outcomes = outcomes;
        this.applications = applications;
        this.secrets = secrets;
        this.targets = targets;
        this.rateLimiters = rateLimiters;
        this.counter = counter;
        this.jobs = jobs;
        this.validator = validator;
        this.runners = runners;
        this.restarter = restarter;
        this.json = json;
    }

    @WithSession
    public Uni<List<ProvisioningJobEntity>> list() {
        return jobs.listAll();
    }

    @WithSession
    public Uni<ProvisioningJobEntity> get(UUID id) {
        return jobs.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Job " + id));
    }

    @Override
    @WithSession
    public Uni<JobDefinition> definition(UUID id) {
        return get(id).map(this::definition);
    }

    @Override
    @WithSession
    public Uni<JobDefinition> proposed(UUID id, JobProposal proposal) {
        return get(id).map(entity -> {
            JobConfiguration current = configuration(entity);
            JobRequest request = new JobRequest(entity.name, entity.applicationId, entity.profile, entity.tenantUrl,
                    null, proposal.scope() != null ? proposal.scope() : entity.scope, entity.status,
                    entity.notificationEmail, entity.deletionThreshold,
                    proposal.skipOutOfScopeDeletions() != null ? proposal.skipOutOfScopeDeletions()
                            : entity.skipOutOfScopeDeletions,
                    proposal.users() != null ? proposal.users() : current.users(),
                    proposal.groups() != null ? proposal.groups() : current.groups(),
                    current.rateLimits(), entity.allowInsecureHttp);
            requireValid(request, true);
            ProvisioningJobEntity unsaved = new ProvisioningJobEntity();
            unsaved.id = entity.id;
            unsaved.applicationId = entity.applicationId;
            unsaved.name = entity.name;
            unsaved.profile = entity.profile;
            unsaved.tenantUrl = entity.tenantUrl;
            unsaved.scope = request.scope();
            unsaved.status = entity.status;
            unsaved.notificationEmail = entity.notificationEmail;
            unsaved.deletionThreshold = entity.deletionThreshold;
            unsaved.skipOutOfScopeDeletions = request.skipOutOfScopeDeletions();
            unsaved.version = entity.version;
            return JobCompiler.compile(unsaved, new JobConfiguration(request.users(), request.groups(),
                    current.rateLimits()), null);
        });
    }

    @Override
    @WithSession
    public Uni<Void> requireExists(UUID id) {
        return get(id).replaceWithVoid();
    }

    @WithTransaction
    public Uni<ProvisioningJobEntity> create(JobRequest request) {
        return Uni.createFrom().item(() -> {
                    JobRequest complete = withDefaults(request, null);
                    requireValid(complete, false);
                    return complete;
                })
                .call(complete -> targets.requirePermittedHost(complete.tenantUrl()))
                .call(complete -> applications.requireKnown(complete.applicationId()))
                .map(complete -> {
                    ProvisioningJobEntity entity = new ProvisioningJobEntity();
                    entity.id = UUID.randomUUID();
                    entity.createdAt = Instant.now();
                    apply(entity, complete);
                    return entity;
                })
                .chain(jobs::persist)
                .call(() -> jobs.flush())
                .call(saved -> runners.runLater(definition(saved)));
    }

    /**
     * Replaces a job's settings. As in Entra, saving changed mappings, scoping filters or scope re-evaluates every
     * object: the job restarts from the beginning of the history (links kept, so only real differences are sent).
     * Other settings (rate limits, thresholds, notification e-mail, status) reach the running job without a restart.
     * A tenant URL on another origin needs the token again ({@link TargetGuard}); another application must be known
     * ({@link KnownApplicationGuard}; a job may keep its application after the directory deleted it, to be paused or
     * edited). An omitted optional setting (status, scope, notification email, thresholds, mappings of the same
     * profile, rate limits, allowInsecureHttp) keeps its stored value: a paused job stays paused.
     */
    @WithTransaction
    public Uni<ProvisioningJobEntity> replace(UUID id, JobRequest request, Long expectedVersion) {
        boolean[] rulesChanged = {false};
        return jobs.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Job " + id))
                .map(stored -> withDefaults(request, stored))
                .call(complete -> targets.requirePermittedHost(complete.tenantUrl()))
                .call(complete -> jobs.findById(id).chain(stored -> stored == null || complete.applicationId() == null
                        || stored.applicationId.equals(JobValidator.canonicalApplicationId(complete.applicationId()))
                        ? Uni.createFrom().voidItem() : applications.requireKnown(complete.applicationId())))
                .chain(complete -> update(id, expectedVersion, entity -> {
                    requireValid(complete, entity.encryptedSecretToken != null);
                    TargetGuard.requireTokenForNewOrigin(entity.tenantUrl, complete);
                    String rulesBefore = rules(entity);
                    apply(entity, complete);
                    rulesChanged[0] = !rulesBefore.equals(rules(entity));
                })).call(entity -> rulesChanged[0]
                ? restarter.restart(definition(entity), new RestartRequest(null, false, false))
                : Uni.createFrom().voidItem());
    }

    /**
     * Turns a job on or off; off keeps its position, so nothing is lost and it resumes where it stopped. Turning on a
     * job that is already running (or off one that is already off) changes nothing: its run, cycle and progress go on
     * (Entra's start of a running job does nothing either).
     */
    @WithTransaction
    public Uni<ProvisioningJobEntity> setStatus(UUID id, JobStatus status) {
        return jobs.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Job " + id))
                .chain(entity -> entity.status == status
                        && (status == JobStatus.OFF || runners.cycleId(id).isPresent())
                        ? Uni.createFrom().item(entity)
                        : update(id, null, stored -> stored.status = status));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return jobs.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Job " + id))
                .chain(entity -> jobs.delete(entity))
                .call(() -> runners.stopLater(id))
                .invoke(() -> {
                    rateLimiters.forget(id);
                    counter.forget(id);
                    outcomes.forget(id);
                });
    }

    /** Every stored job, compiled, for start-up. */
    @WithSession
    public Uni<List<JobDefinition>> definitions() {
        return jobs.listAll().map(all -> all.stream().map(this::definition).toList());
    }

    public JobDefinition definition(ProvisioningJobEntity entity) {
        return JobCompiler.compile(entity, configuration(entity),
                secrets.decrypt(entity.id, entity.encryptedSecretToken));
    }

    public JobResponse toResponse(ProvisioningJobEntity entity) {
        JobConfiguration configuration = configuration(entity);
        return new JobResponse(entity.id, entity.name, entity.applicationId, entity.profile, entity.tenantUrl,
                entity.encryptedSecretToken != null, entity.allowInsecureHttp, entity.scope, entity.status, entity.notificationEmail,
                entity.deletionThreshold, entity.skipOutOfScopeDeletions, configuration.users(), configuration.groups(),
                RateLimitsResponse.of(configuration.rateLimits(), entity.profile), entity.version, entity.createdAt, entity.updatedAt,
                entity.applicationDeleted);
    }

    private Uni<ProvisioningJobEntity> update(UUID id, Long expectedVersion, java.util.function.Consumer<ProvisioningJobEntity> change) {
        return jobs.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Job " + id))
                .invoke(entity -> {
                    if (expectedVersion != null && entity.version != expectedVersion) {
                        throw ProblemException.preconditionFailed("The job is at version " + entity.version + ", not "
                                + expectedVersion + "; read it again and retry");
                    }
                    change.accept(entity);
                    entity.updatedAt = Instant.now();
                })
                .call(() -> jobs.flush())
                .call(entity -> runners.runLater(definition(entity)));
    }

    private void requireValid(JobRequest request, boolean tokenStored) {
        List<FieldError> errors = validator.validate(request, tokenStored);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /**
     * The request with every omitted setting filled in: on create ({@code stored} null) with the defaults (a new job
     * is OFF until started, as in Entra), on replace with the stored job's values.
     */
    private JobRequest withDefaults(JobRequest request, ProvisioningJobEntity stored) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new FieldError("body", "a job is required", null)));
        }
        JobConfiguration defaults = request.profile() == null ? null : request.profile().defaults();
        JobConfiguration current = stored == null ? null : configuration(stored);
        boolean sameProfile = stored != null && stored.profile == request.profile();
        return new JobRequest(request.name(), request.applicationId(), request.profile(), request.tenantUrl(),
                request.secretToken(),
                request.scope() != null ? request.scope()
                        : stored != null ? stored.scope : ProvisioningScope.ASSIGNED_ONLY,
                request.status() != null ? request.status() : stored != null ? stored.status : JobStatus.OFF,
                request.notificationEmail() != null ? blankToNull(request.notificationEmail())
                        : stored != null ? stored.notificationEmail : null,
                request.deletionThreshold() != null ? request.deletionThreshold()
                        : stored != null ? stored.deletionThreshold : DEFAULT_DELETION_THRESHOLD,
                request.skipOutOfScopeDeletions() != null ? request.skipOutOfScopeDeletions()
                        : stored != null && stored.skipOutOfScopeDeletions,
                request.users() != null ? request.users() : sameProfile ? current.users()
                        : defaults == null ? null : defaults.users(),
                request.groups() != null ? request.groups() : sameProfile ? current.groups()
                        : defaults == null ? null : defaults.groups(),
                request.rateLimits() != null ? request.rateLimits()
                        : current != null && current.rateLimits() != null ? current.rateLimits()
                        : TargetRateLimits.profileDefaults(),
                request.allowInsecureHttp() != null ? request.allowInsecureHttp()
                        : stored != null && stored.allowInsecureHttp);
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    private void apply(ProvisioningJobEntity entity, JobRequest request) {
        entity.name = request.name().trim();
        entity.applicationId = JobValidator.canonicalApplicationId(request.applicationId());
        entity.profile = request.profile();
        entity.tenantUrl = request.tenantUrl().trim();
        if (request.secretToken() != null && !request.secretToken().isEmpty()) {
            entity.encryptedSecretToken = secrets.encrypt(entity.id, request.secretToken());
        }
        entity.allowInsecureHttp = request.allowInsecureHttp();
        entity.scope = request.scope();
        entity.status = request.status();
        entity.notificationEmail = request.notificationEmail();
        entity.deletionThreshold = request.deletionThreshold();
        entity.skipOutOfScopeDeletions = request.skipOutOfScopeDeletions();
        entity.configuration = write(new JobConfiguration(request.users(), request.groups(), request.rateLimits()));
        entity.updatedAt = Instant.now();
    }

    /**
     * What decides the objects' target state: the mappings and settings of users and groups, and the scope. The rate
     * limits only pace the requests, so a change of them alone reaches the running job without re-evaluating every
     * object.
     */
    private String rules(ProvisioningJobEntity entity) {
        JobConfiguration configuration = configuration(entity);
        return write(new JobConfiguration(configuration.users(), configuration.groups(), null)) + entity.scope;
    }

    private JobConfiguration configuration(ProvisioningJobEntity entity) {
        try {
            // what was stored stays readable should a later version drop a field; only requests are strict
            return json.readerFor(JobConfiguration.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(entity.configuration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Job " + entity.id + " has an unreadable configuration", e);
        }
    }

    private String write(JobConfiguration configuration) {
        try {
            return json.writeValueAsString(configuration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store a job configuration", e);
        }
    }
}
