package io.scimitar.provisioner.thirdparty;

import de.captaingoldfish.scim.sdk.common.exceptions.ResourceNotFoundException;
import de.captaingoldfish.scim.sdk.common.resources.ResourceNode;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The stored resources of one type of {@link ThirdPartyScimServer}: copies in and out, ids and meta set here. */
final class InMemoryResources<T extends ResourceNode> {

    private final Class<T> type;
    private final String resourceType;
    private final Map<String, T> byId = new ConcurrentHashMap<>();

    InMemoryResources(Class<T> type, String resourceType) {
        this.type = type;
        this.resourceType = resourceType;
    }

    synchronized T create(T resource) {
        String id = UUID.randomUUID().toString();
        resource.setId(id);
        Instant now = Instant.now();
        resource.remove("meta");
        resource.setMeta(Meta.builder().resourceType(resourceType).created(now).lastModified(now).build());
        byId.put(id, copy(resource));
        return resource;
    }

    T get(String id) {
        T stored = byId.get(id);
        return stored == null ? null : copy(stored);
    }

    synchronized T update(T resource) {
        String id = resource.getId().orElseThrow();
        T old = byId.get(id);
        if (old == null) {
            throw new ResourceNotFoundException("resource with id '" + id + "' does not exist");
        }
        Meta meta = old.getMeta().orElseThrow();
        resource.remove("meta");
        resource.setMeta(Meta.builder().resourceType(resourceType).created(meta.getCreated().orElse(null))
                .lastModified(Instant.now()).build());
        byId.put(id, copy(resource));
        return resource;
    }

    void delete(String id) {
        if (byId.remove(id) == null) {
            throw new ResourceNotFoundException("resource with id '" + id + "' does not exist");
        }
    }

    /** Every resource: the server filters, sorts and pages them itself (its auto-filtering feature). */
    PartialListResponse<T> all() {
        List<T> resources = new ArrayList<>();
        byId.values().forEach(resource -> resources.add(copy(resource)));
        return PartialListResponse.<T>builder().resources(resources).totalResults(resources.size()).build();
    }

    List<T> snapshot() {
        return all().getResources();
    }

    void clear() {
        byId.clear();
    }

    private T copy(T resource) {
        return JsonHelper.copyResourceToObject(resource, type);
    }
}
