package io.scimitar.provisioner.thirdparty;

import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;

import java.util.List;
import java.util.Locale;

/** The Groups of {@link ThirdPartyScimServer}: displayName unique ignoring case (409 uniqueness). */
final class GroupResources extends ResourceHandler<Group> {

    final InMemoryResources<Group> store = new InMemoryResources<>(Group.class, "Group");

    @Override
    public Group createResource(Group resource, Context context) {
        synchronized (store) {
            checkUnique(resource);
            return store.create(resource);
        }
    }

    @Override
    public Group getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes,
            Context context) {
        return store.get(id);
    }

    @Override
    public PartialListResponse<Group> listResources(long startIndex, int count, FilterNode filter,
            SchemaAttribute sortBy, SortOrder sortOrder, List<SchemaAttribute> attributes,
            List<SchemaAttribute> excludedAttributes, Context context) {
        return store.all();
    }

    @Override
    public Group updateResource(Group resource, Context context) {
        synchronized (store) {
            checkUnique(resource);
            return store.update(resource);
        }
    }

    @Override
    public void deleteResource(String id, Context context) {
        store.delete(id);
    }

    private void checkUnique(Group resource) {
        String name = resource.getDisplayName().orElse("").toLowerCase(Locale.ROOT);
        for (Group other : store.snapshot()) {
            if (!other.getId().equals(resource.getId())
                    && other.getDisplayName().orElse("").toLowerCase(Locale.ROOT).equals(name)) {
                throw new ConflictException("displayName '" + resource.getDisplayName().orElse("") + "' is taken");
            }
        }
    }
}
