package io.scimitar.provisioner.matching;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.rules.mapping.MatchingValue;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimFilter;
import io.scimitar.provisioner.scim.ScimResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Finds the target object of a source object: the stored link first; otherwise a filter query on each matching
 * attribute in precedence order, stopping at the first hit, as Entra does.
 */
@ApplicationScoped
public class TargetMatcher {

    public Uni<MatchResult> match(ScimClient client, ObjectType type, Optional<ObjectLink> link,
            List<MatchingValue> matchingValues) {
        if (link.isPresent() && link.get().targetId() != null && link.get().state() != LinkState.DELETED) {
            return Uni.createFrom().item(new MatchResult.Linked(link.get().targetId()));
        }
        if (matchingValues.isEmpty()) {
            return Uni.createFrom().item(new MatchResult.NoMatchingValue());
        }
        return query(client, type, matchingValues, 0);
    }

    private Uni<MatchResult> query(ScimClient client, ObjectType type, List<MatchingValue> values, int index) {
        if (index >= values.size()) {
            String tried = String.join(", ", values.stream().map(v -> ScimFilter.eq(v.target(), v.value())).toList());
            return Uni.createFrom().item(new MatchResult.NotFound(tried));
        }
        MatchingValue value = values.get(index);
        return client.query(type.scimResourceType(), ScimFilter.eq(value.target(), value.value()))
                .chain(result -> {
                    if (result instanceof ScimResult.Failure failure) {
                        return Uni.createFrom().item(new MatchResult.Failed(failure));
                    }
                    List<JsonNode> found = ScimClient.resources((ScimResult.Success) result);
                    if (found.size() > 1) {
                        return Uni.createFrom().item(new MatchResult.Duplicate(value.target(), value.value(),
                                found.size()));
                    }
                    if (found.size() == 1) {
                        JsonNode resource = found.get(0);
                        return Uni.createFrom().item(new MatchResult.Matched(resource.path("id").asText(),
                                value.target(), value.value(), resource));
                    }
                    return query(client, type, values, index + 1);
                });
    }
}
