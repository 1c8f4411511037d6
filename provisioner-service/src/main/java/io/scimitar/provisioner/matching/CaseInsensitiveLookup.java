package io.scimitar.provisioner.matching;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.rules.mapping.MatchingValue;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimFilter;
import io.scimitar.provisioner.scim.ScimResourceReader;
import io.scimitar.provisioner.scim.ScimResult;
import io.scimitar.provisioner.targetindex.IndexedAttribute;
import io.scimitar.provisioner.targetindex.TargetIndexSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds an object the target refused to create as a duplicate although its filter found none: reads the target's
 * objects in pages now and compares the matching values as RFC 7643 does (case-insensitively, except {@code id} and
 * {@code externalId}), for targets whose filter compares case-sensitively ({@code userName eq "mixed.case@x"} missing
 * {@code Mixed.Case@x}).
 */
@ApplicationScoped
public class CaseInsensitiveLookup {

    private final TargetIndexSettings settings;

    public CaseInsensitiveLookup(TargetIndexSettings settings) {
        this.settings = settings;
    }

    /** Matched, Duplicate, NotFound (saying what was compared) or Failed (a page could not be read). */
    public Uni<MatchResult> find(ScimClient client, ObjectType type, ConnectorProfile profile,
            List<MatchingValue> values) {
        List<Compared> compared = new ArrayList<>();
        for (MatchingValue value : values) {
            IndexedAttribute.of(value.target()).ifPresent(attribute -> compared.add(
                    new Compared(value, attribute, attribute.normalise(value.value()), new LinkedHashMap<>())));
        }
        if (compared.isEmpty()) {
            return Uni.createFrom().item(new MatchResult.NotFound("no matching attribute can be compared locally"));
        }
        int pageSize = profile == ConnectorProfile.MIRO ? settings.miroPageSize() : settings.genericPageSize();
        return read(client, type.scimResourceType(), 1, pageSize, compared, 0).map(read -> read.failure() != null
                ? new MatchResult.Failed(read.failure()) : verdict(compared, read.objects()));
    }

    private static MatchResult verdict(List<Compared> compared, int objects) {
        for (Compared attribute : compared) {
            if (attribute.hits().size() > 1) {
                return new MatchResult.Duplicate(attribute.value().target(), attribute.value().value(),
                        attribute.hits().size());
            }
            if (attribute.hits().size() == 1) {
                Map.Entry<String, JsonNode> hit = attribute.hits().entrySet().iterator().next();
                Object held = ScimResourceReader.values(hit.getValue(), Set.of(attribute.value().target()))
                        .getOrDefault(attribute.value().target(), attribute.value().value());
                return new MatchResult.Matched(hit.getKey(), attribute.value().target(), held, hit.getValue());
            }
        }
        return new MatchResult.NotFound(String.join(", ", compared.stream().map(c -> ScimFilter.eq(
                c.value().target(), c.value().value())).toList()) + " compared case-insensitively with the "
                + objects + " target object(s) read now");
    }

    private Uni<Read> read(ScimClient client, String type, int startIndex, int pageSize, List<Compared> compared,
            int objects) {
        return client.page(type, startIndex, pageSize).chain(result -> {
            if (result instanceof ScimResult.Failure failure) {
                return Uni.createFrom().item(new Read(objects, failure));
            }
            ScimResult.Success page = (ScimResult.Success) result;
            List<JsonNode> resources = ScimClient.resources(page);
            for (JsonNode resource : resources) {
                String id = resource.path("id").asText("");
                if (id.isEmpty()) {
                    continue;
                }
                for (Compared attribute : compared) {
                    if (attribute.attribute().values(resource).contains(attribute.normalised())) {
                        attribute.hits().putIfAbsent(id, resource);
                    }
                }
            }
            int next = startIndex + resources.size();
            JsonNode total = page.body().get("totalResults");
            if (resources.isEmpty() || (total != null && total.canConvertToInt() && next > total.asInt())) {
                return Uni.createFrom().item(new Read(objects + resources.size(), null));
            }
            return read(client, type, next, pageSize, compared, objects + resources.size());
        });
    }

    /** One matching value, how the index would evaluate it, and the target objects holding it. */
    private record Compared(MatchingValue value, IndexedAttribute attribute, String normalised,
            Map<String, JsonNode> hits) {
    }

    /** How many objects the pages held, or the failure that ended the read. */
    private record Read(int objects, ScimResult.Failure failure) {
    }
}
