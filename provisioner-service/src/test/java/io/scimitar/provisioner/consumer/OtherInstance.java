package io.scimitar.provisioner.consumer;

import io.quarkus.vertx.VertxContextSupport;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.provisioner.targetindex.IndexRefresh;
import io.scimitar.provisioner.targetindex.TargetIndexReader;
import io.scimitar.testsupport.KafkaProcessResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * A second provisioner instance running a job, simulated in the test's JVM: a runner of the job with its own Kafka
 * consumer in the job's consumer group and its own target read, as {@link JobRunnerRegistry} runs one. Its beans, and
 * so its in-memory caches, are this JVM's; what instances share goes through Kafka and PostgreSQL as between
 * processes.
 */
final class OtherInstance implements AutoCloseable {

    private final RunningJob runner;
    private final JobProgress progress;

    private OtherInstance(RunningJob runner, JobProgress progress) {
        this.runner = runner;
        this.progress = progress;
    }

    /** Starts the other instance's runner of {@code job}. */
    static OtherInstance start(UUID job, JobConsumer consumer, JobService jobs, ScimClientFactory scimClients,
            EvaluationSettings evaluation, TargetIndexReader targetIndex) throws Throwable {
        JobDefinition definition = VertxContextSupport.subscribeAndAwait(() -> jobs.definition(job));
        JobContext context = JobContext.of(definition, scimClients.forJob(job, definition.tenantUrl(),
                definition.secretToken(), definition.rateLimits()), UUID.randomUUID(), evaluation.budget());
        JobProgress progress = new JobProgress();
        RunningJob runner = consumer.prepare(context, progress);
        runner.beforeConsuming(running -> targetIndex.readAtStart(definition, context.scim(), IndexRefresh.ALWAYS,
                running));
        runner.whenReadingTargetAgain(running -> targetIndex.readAtStart(definition, context.scim(),
                IndexRefresh.ALWAYS, running));
        runner.start();
        return new OtherInstance(runner, progress);
    }

    /** The changes the other instance applied so far. */
    long changes() {
        return progress.snapshot().changes();
    }

    @Override
    public void close() {
        runner.stop();
    }

    /**
     * A bare member of the job's consumer group, as another instance's consumer: it takes partitions when it polls and
     * applies nothing, commits nothing and sweeps nothing; closing it gives them back.
     */
    static KafkaConsumer<String, byte[]> bareMember(UUID job) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProcessResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "scimitar-provisioner-job-" + job,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The members of the job's consumer group that own partitions (of both instances, 2 once they share them). */
    static long membersOwningPartitions(UUID job) throws Exception {
        String group = "scimitar-provisioner-job-" + job;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaProcessResource.bootstrapServers()))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get()
                    .get(group);
            return description.members().stream()
                    .filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0; // no member has joined yet
            }
            throw e;
        }
    }
}
