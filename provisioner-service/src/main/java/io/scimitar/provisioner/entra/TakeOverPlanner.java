package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.replay.DryRunPlanner;
import io.scimitar.provisioner.replay.DryRunReport;
import io.scimitar.provisioner.replay.PlannedChange;
import io.scimitar.provisioner.replay.PlannedChange.PlannedAction;
import io.scimitar.provisioner.rules.mapping.MatchingAttribute;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.provisioner.scim.ScimResult;
import io.scimitar.provisioner.targetindex.IndexedAttribute;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Previews a take-over: the job's dry run (which calls no target and so plans every unlinked user as a create), then
 * the target's users read once in pages ({@code GET /Users?startIndex=s&count=n}, within the job's rate limits, as
 * the target index reads them) and each planned create matched against them by the job's matching attributes in
 * precedence order, as the job's own matching will.
 */
@ApplicationScoped
public class TakeOverPlanner {

    private static final int MIRO_PAGE = 1000;
    private static final int GENERIC_PAGE = 100;

    private final JobService jobs;
    private final DryRunPlanner planner;
    private final ScimClientFactory clients;

    public TakeOverPlanner(JobService jobs, DryRunPlanner planner, ScimClientFactory clients) {
        this.jobs = jobs;
        this.planner = planner;
        this.clients = clients;
    }

    public Uni<TakeOverPreview> preview(UUID id) {
        return jobs.definition(id).chain(job -> planner.plan(job, null, false).chain(report -> {
            ScimClient client = clients.forJob(job.id(), job.tenantUrl(), job.secretToken(), job.rateLimits());
            int pageSize = job.profile() == ConnectorProfile.MIRO ? MIRO_PAGE : GENERIC_PAGE;
            return readAll(client, 1, pageSize, new ArrayList<>()).map(target -> compare(job, report, target));
        }));
    }

    private Uni<List<JsonNode>> readAll(ScimClient client, int startIndex, int count, List<JsonNode> collected) {
        return client.page("Users", startIndex, count).chain(result -> {
            if (!(result instanceof ScimResult.Success success)) {
                return Uni.createFrom().failure(new ProblemException(502, "Target not readable", "reading the "
                        + "target's users failed: " + result, List.of()));
            }
            List<JsonNode> page = ScimClient.resources(success);
            collected.addAll(page);
            int total = success.body().path("totalResults").asInt(collected.size());
            if (page.isEmpty() || collected.size() >= total) {
                return Uni.createFrom().item(collected);
            }
            return readAll(client, startIndex + page.size(), count, collected);
        });
    }

    private static TakeOverPreview compare(JobDefinition job, DryRunReport report, List<JsonNode> target) {
        List<IndexedAttribute> matching = job.userMappings().matchingAttributes().stream()
                .sorted(Comparator.comparingInt(MatchingAttribute::precedence))
                .map(attribute -> IndexedAttribute.of(attribute.target())).flatMap(Optional::stream).toList();
        List<Map<String, List<JsonNode>>> byValue = new ArrayList<>();
        for (IndexedAttribute attribute : matching) {
            Map<String, List<JsonNode>> values = new HashMap<>();
            for (JsonNode resource : target) {
                attribute.values(resource).forEach(value ->
                        values.computeIfAbsent(value, key -> new ArrayList<>()).add(resource));
            }
            byValue.add(values);
        }
        int link = 0;
        int update = 0;
        int create = 0;
        int duplicate = 0;
        Set<String> matched = new HashSet<>();
        for (PlannedChange change : report.changes()) {
            if (!change.objectType().equals("User") || change.action() != PlannedAction.CREATE) {
                continue;
            }
            List<JsonNode> hits = List.of();
            for (int i = 0; i < matching.size() && hits.isEmpty(); i++) {
                Object value = newValue(change, matching.get(i).target());
                if (value != null) {
                    hits = byValue.get(i).getOrDefault(matching.get(i).normalise(value), List.of());
                }
            }
            if (hits.isEmpty()) {
                create++;
            } else if (hits.size() > 1) {
                duplicate++;
            } else {
                matched.add(hits.get(0).path("id").asText());
                if (differs(change, hits.get(0))) {
                    update++;
                } else {
                    link++;
                }
            }
        }
        return new TakeOverPreview(target.size(), link, update, create, duplicate, target.size() - matched.size(),
                report.counts(), !report.truncated());
    }

    private static Object newValue(PlannedChange change, String target) {
        return change.values().stream().filter(value -> value.displayName().equals(target)).findFirst()
                .map(ModifiedProperty::newValue).orElse(null);
    }

    /** True when a mapped value the target can be compared on is not what the target user holds. */
    private static boolean differs(PlannedChange change, JsonNode resource) {
        for (ModifiedProperty value : change.values()) {
            Optional<IndexedAttribute> attribute = IndexedAttribute.of(value.displayName());
            if (attribute.isPresent() && value.newValue() != null
                    && !attribute.get().values(resource).contains(attribute.get().normalise(value.newValue()))) {
                return true;
            }
        }
        return false;
    }
}
