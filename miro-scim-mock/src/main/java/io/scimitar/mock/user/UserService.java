package io.scimitar.mock.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.config.MockSettings;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.filter.ComparisonOperator;
import io.scimitar.mock.filter.Filter;
import io.scimitar.mock.filter.FilterEvaluator;
import io.scimitar.mock.filter.FilterParser;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.patch.MergePatch;
import io.scimitar.mock.patch.PatchOperation;
import io.scimitar.mock.patch.PatchRequest;
import io.scimitar.mock.patch.ResourcePatcher;
import io.scimitar.mock.query.AttributeProjection;
import io.scimitar.mock.query.ListResponse;
import io.scimitar.mock.query.PageRequest;
import io.scimitar.mock.query.SortRequest;
import io.scimitar.mock.schema.ResourceNormalizer;
import io.scimitar.mock.schema.SchemaDefinition;
import io.scimitar.mock.schema.ScimSchemas;
import io.scimitar.mock.state.IdGenerator;
import io.scimitar.mock.state.Timestamps;
import io.scimitar.mock.team.TeamService;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Miro users over SCIM (create, read, list, replace, patch, delete) and as an administrator changes them in Miro's own
 * UI through the admin API (add, edit, delete), with Miro's rules applied either way.
 */
@Singleton
public class UserService {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<SchemaDefinition> EXTENSIONS = List.of(ScimSchemas.ENTERPRISE_USER_SCHEMA);
    private static final ResourcePatcher PATCHER = new ResourcePatcher(ScimSchemas.USER_SCHEMA, EXTENSIONS);
    private static final List<String> NOT_EDITABLE = List.of("id", "meta", "schemas", "groups");

    private final UserRepository users;
    private final UserRules rules;
    private final TeamService teams;
    private final IdGenerator ids;
    private final MockConfig config;
    private final MockSettings settings;
    private final UserViewCache views;
    private final ScimJson json;

    public UserService(UserRepository users, UserRules rules, TeamService teams, IdGenerator ids, MockConfig config,
                       MockSettings settings, UserViewCache views, ScimJson json) {
        this.users = users;
        this.rules = rules;
        this.teams = teams;
        this.ids = ids;
        this.config = config;
        this.settings = settings;
        this.views = views;
        this.json = json;
    }

    public ObjectNode create(ObjectNode body) {
        if (users.size() >= settings.maxUsers()) {
            throw ScimException.full("The organization holds " + settings.maxUsers()
                    + " users, the most this mock is configured for (miro-mock.limits.max-users)");
        }
        checkSchemas(body);
        ObjectNode user = ResourceNormalizer.normalize(body, ScimSchemas.USER_SCHEMA, EXTENSIONS);
        // Miro's create model has no emails: the e-mail is the userName.
        user.remove("emails");
        rules.checkNew(user);
        user.putArray("emails").addObject()
                .put("value", user.get("userName").asText()).put("type", "work").put("primary", true);
        String id = ids.next();
        String now = now();
        ObjectNode stored = withServerAttributes(user, id, now, now);
        users.insert(stored, duplicateError());
        if (!settings.userGroups()) {
            teams.addToDefaultTeam(id, now);
        }
        return render(stored);
    }

    public ObjectNode get(String id, AttributeProjection projection) {
        ObjectNode user = users.get(id);
        if (user == null) {
            throw ScimException.notFound("User " + id + " not found");
        }
        return projection.apply(render(user));
    }

    /** The user as {@code GET /Users/{id}} without parameters answers it, serialised (see {@link UserViewCache}). */
    public byte[] getSerialized(String id) {
        ObjectNode user = users.get(id);
        if (user == null) {
            throw ScimException.notFound("User " + id + " not found");
        }
        ArrayNode groups = teams.groupsOf(id);
        return UserViewCache.splices(user) ? views.write(user, groups) : json.bytes(render(user, groups));
    }

    /** Renders every user in turn, in creation order, without holding the rendered ones (the whole-state export). */
    public void forEachRendered(Consumer<ObjectNode> each) {
        for (ObjectNode user : users.all()) {
            each.accept(render(user));
        }
    }

    public ListResponse<ObjectNode> list(String filterText, PageRequest page, SortRequest sort, AttributeProjection projection) {
        Filter filter = filterText == null || filterText.isBlank() ? null : FilterParser.parse(filterText);
        List<ObjectNode> matched;
        String userName = userNameEquality(filter);
        if (userName != null) {
            String id = users.idByUserName(userName);
            ObjectNode user = id == null ? null : users.get(id);
            boolean caseDiffers = user != null && settings.userNameFilterCaseExact()
                    && !userName.equals(user.path("userName").asText());
            matched = user == null || caseDiffers ? List.of() : List.of(user);
        } else if (filter == null) {
            matched = users.all();
        } else {
            boolean needsGroups = filterText.toLowerCase(java.util.Locale.ROOT).contains("groups");
            matched = new ArrayList<>();
            for (ObjectNode user : users.all()) {
                if (FilterEvaluator.matches(filter, needsGroups ? render(user) : user)) {
                    matched.add(user);
                }
            }
        }
        if (sort.sortBy() != null) {
            List<JsonNode> sorted = new ArrayList<>(matched);
            sort.sort(sorted);
            matched = sorted.stream().map(ObjectNode.class::cast).toList();
        }
        List<ObjectNode> resources = page.slice(matched).stream()
                .map(user -> projection.apply(render(user)))
                .collect(Collectors.toList());
        return ListResponse.of(matched.size(), page.startIndex(), resources);
    }

    public ObjectNode replace(String id, ObjectNode body) {
        checkSchemas(body);
        ObjectNode replacement = ResourceNormalizer.normalize(body, ScimSchemas.USER_SCHEMA, EXTENSIONS);
        ObjectNode updated = users.update(id, current -> {
            ObjectNode next = replacement.deepCopy();
            rules.checkUpdate(current, next);
            return withServerAttributes(next, id, current.get("meta").get("created").asText(), now());
        }, duplicateError());
        return render(updated);
    }

    public ObjectNode patch(String id, PatchRequest request) {
        return update(id, working -> {
            for (PatchOperation operation : request.operations()) {
                PATCHER.apply(working, operation);
            }
        });
    }

    /** A user an administrator adds in Miro's own UI (admin API, no SCIM request); {@code schemas} may be left out. */
    public ObjectNode add(ObjectNode body) {
        ObjectNode request = body.deepCopy();
        if (!request.has("schemas")) {
            request.putArray("schemas").add(ScimSchemas.USER);
        }
        return create(request);
    }

    /**
     * An administrator's edit in Miro's own UI (admin API, no SCIM request): a JSON merge patch of the user's attributes
     * ({@code {"displayName":"x","active":false}}), under Miro's rules as a PATCH is. The server's attributes and the
     * groups (changed through the teams) cannot be edited.
     */
    public ObjectNode edit(String id, ObjectNode changes) {
        changes.fieldNames().forEachRemaining(name -> {
            if (NOT_EDITABLE.stream().anyMatch(name::equalsIgnoreCase)) {
                throw ScimException.invalidValue("Attribute '" + name + "' cannot be edited"
                        + (name.equalsIgnoreCase("groups") ? "; change the team's members instead" : ""));
            }
        });
        return update(id, working -> MergePatch.apply(working, changes));
    }

    /** Applies {@code change} to a copy of the stored user, then Miro's rules, and stores the result atomically. */
    private ObjectNode update(String id, Consumer<ObjectNode> change) {
        ObjectNode updated = users.update(id, current -> {
            ObjectNode working = current.deepCopy();
            change.accept(working);
            ObjectNode next = ResourceNormalizer.normalize(working, ScimSchemas.USER_SCHEMA, EXTENSIONS);
            rules.checkUpdate(current, next);
            return withServerAttributes(next, id, current.get("meta").get("created").asText(), now());
        }, duplicateError());
        return render(updated);
    }

    public void delete(String id) {
        if (!users.exists(id)) {
            throw ScimException.notFound("User " + id + " not found");
        }
        teams.checkRemovable(id);
        if (users.remove(id) == null) {
            throw ScimException.notFound("User " + id + " not found");
        }
        teams.removeEverywhere(id);
    }

    private ObjectNode render(ObjectNode stored) {
        return render(stored, teams.groupsOf(stored.get("id").asText()));
    }

    /** The stored user with its groups, placed just before {@code meta} ({@link UserViewCache} relies on that place). */
    private static ObjectNode render(ObjectNode stored, ArrayNode groups) {
        // A shallow copy is enough: stored documents and their children are never mutated once stored.
        ObjectNode rendered = NODES.objectNode();
        rendered.setAll(stored);
        if (groups != null) {
            JsonNode meta = rendered.remove("meta");
            rendered.set("groups", groups);
            rendered.set("meta", meta);
        }
        return rendered;
    }

    private ObjectNode withServerAttributes(ObjectNode user, String id, String created, String lastModified) {
        ObjectNode stored = NODES.objectNode();
        ArrayNode schemas = stored.putArray("schemas").add(ScimSchemas.USER);
        if (user.has(ScimSchemas.ENTERPRISE_USER)) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
        }
        stored.put("id", id);
        stored.setAll(user);
        ObjectNode meta = stored.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", created);
        meta.put("lastModified", lastModified);
        meta.put("location", config.locationBaseUrl() + "/Users/" + id);
        return stored;
    }

    private Function<String, ScimException> duplicateError() {
        if (settings.duplicateUserName() == MockConfig.DuplicateUserNameStyle.RFC) {
            return userName -> ScimException.conflict("uniqueness", "User name '" + userName + "' is already taken");
        }
        return userName -> ScimException.invalidValue("User name '" + userName + "' is invalid: 'not unique'");
    }

    private static void checkSchemas(ObjectNode body) {
        JsonNode schemas = body.get("schemas");
        if (schemas == null || !schemas.isArray()) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.USER);
        }
        boolean core = false;
        for (JsonNode schema : schemas) {
            core |= schema.asText().equalsIgnoreCase(ScimSchemas.USER);
        }
        if (!core) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.USER);
        }
        for (JsonNode schema : schemas) {
            String urn = schema.asText();
            if (!urn.equalsIgnoreCase(ScimSchemas.USER) && !urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)) {
                throw ScimException.invalidValue("Schema '" + urn + "' is not supported by Miro");
            }
        }
    }

    /** The userName of a plain {@code userName eq "x"} filter, answered from the index; null otherwise. */
    private static String userNameEquality(Filter filter) {
        if (filter instanceof Filter.Compare compare && compare.operator() == ComparisonOperator.EQ
                && compare.path().attribute().equalsIgnoreCase("userName") && compare.path().subAttribute() == null
                && (compare.path().schemaUrn() == null || compare.path().schemaUrn().equalsIgnoreCase(ScimSchemas.USER))
                && compare.value().isTextual()) {
            return compare.value().asText();
        }
        return null;
    }

    static String now() {
        return Timestamps.now();
    }
}
