package io.scimitar.provisioner.thirdparty;

import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;

import java.util.List;
import java.util.Locale;

/** The Users of {@link ThirdPartyScimServer}: userName unique ignoring case (409 uniqueness), as RFC 7643 says. */
final class UserResources extends ResourceHandler<User> {

    final InMemoryResources<User> store = new InMemoryResources<>(User.class, "User");

    @Override
    public User createResource(User resource, Context context) {
        synchronized (store) {
            checkUnique(resource);
            return store.create(resource);
        }
    }

    @Override
    public User getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes,
            Context context) {
        return store.get(id);
    }

    @Override
    public PartialListResponse<User> listResources(long startIndex, int count, FilterNode filter,
            SchemaAttribute sortBy, SortOrder sortOrder, List<SchemaAttribute> attributes,
            List<SchemaAttribute> excludedAttributes, Context context) {
        return store.all();
    }

    @Override
    public User updateResource(User resource, Context context) {
        synchronized (store) {
            checkUnique(resource);
            return store.update(resource);
        }
    }

    @Override
    public void deleteResource(String id, Context context) {
        store.delete(id);
    }

    private void checkUnique(User resource) {
        String userName = resource.getUserName().orElse("").toLowerCase(Locale.ROOT);
        for (User other : store.snapshot()) {
            if (!other.getId().equals(resource.getId())
                    && other.getUserName().orElse("").toLowerCase(Locale.ROOT).equals(userName)) {
                throw new ConflictException("userName '" + resource.getUserName().orElse("") + "' is taken");
            }
        }
    }
}
