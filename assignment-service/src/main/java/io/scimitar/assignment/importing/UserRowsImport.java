package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.change.Audience;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.user.User;
import io.scimitar.assignment.user.UserMapper;
import io.scimitar.assignment.user.UserRepository;
import io.scimitar.assignment.user.UserRequest;
import io.scimitar.assignment.user.UserValidator;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.assignment.web.MergePatch;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports a batch of user rows set-based: the rows are checked in memory, the users they name are looked up in two
 * statements, and the new and changed users are written with one INSERT and one UPDATE over arrays. A row matches a
 * user by id, else by userPrincipalName; a taken userPrincipalName, a dangling or self manager reject the row; in
 * {@link ImportMode#MERGE} a row changes only the fields it names, in {@link ImportMode#REPLACE} it replaces them all.
 * Rows naming a user an earlier row of the batch already touched start a new segment, so the batch reads as if its
 * rows had run one after another.
 */
@ApplicationScoped
public class UserRowsImport {

    private final ObjectMapper json;
    private final UserRepository users;

    public UserRowsImport(ObjectMapper json, UserRepository users) {
        this.json = json;
        this.users = users;
    }

    /** One readable row and what it asks for; {@code lowerName} is null for a merge row that keeps the name. */
    private record Candidate(ImportRow row, UserRequest request, UUID id, String lowerName) {
    }

    public List<RowResult> apply(SqlTransaction tx, List<ImportRow> rows, ImportMode mode, ChangeSet changes) {
        Map<Long, RowResult> results = new HashMap<>();
        List<Candidate> segment = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        for (ImportRow row : rows) {
            Candidate candidate;
            try {
                candidate = read(row, mode);
            } catch (InvalidInputException e) {
                results.put(row.line(), RowResult.rejected(row.line(), e.errors()));
                continue;
            } catch (MalformedInputException e) {
                results.put(row.line(), RowResult.rejected(row.line(),
                        List.of(new FieldError(e.field(), e.getMessage()))));
                continue;
            }
            boolean repeats = (candidate.id() != null && keys.contains(candidate.id()))
                    || (candidate.lowerName() != null && keys.contains(candidate.lowerName()));
            if (repeats) {
                write(tx, segment, mode, results, changes);
                segment.clear();
                keys.clear();
            }
            segment.add(candidate);
            if (candidate.id() != null) {
                keys.add(candidate.id());
            }
            if (candidate.lowerName() != null) {
                keys.add(candidate.lowerName());
            }
        }
        write(tx, segment, mode, results, changes);
        return rows.stream().map(row -> results.get(row.line())).toList();
    }

    private Candidate read(ImportRow row, ImportMode mode) {
        if (!row.unreadable().isEmpty()) {
            throw new InvalidInputException(row.unreadable());
        }
        UserRequest request = MergePatch.read(json, row.fields(), UserRequest.class);
        if (mode == ImportMode.REPLACE) {
            UserValidator.check(request).throwIfAny();
        } else {
            // the whole user is checked once the row is merged over the current one (write)
            FieldChecks checks = new FieldChecks().uuid("id", request.id());
            if (request.id() == null) {
                checks.required("userPrincipalName", request.userPrincipalName());
            }
            checks.throwIfAny();
        }
        UUID id = request.id() == null ? null : UUID.fromString(request.id());
        String name = request.userPrincipalName();
        return new Candidate(row, request, id, name == null ? null : name.trim().toLowerCase(Locale.ROOT));
    }

    /** What the row asks the user to be: in merge mode its fields over the current ones, then checked whole. */
    private UserRequest effective(Candidate c, User current, ImportMode mode) {
        if (mode == ImportMode.REPLACE) {
            return c.request();
        }
        UserRequest merged = current == null ? c.request()
                : MergePatch.apply(json, UserMapper.toRequest(current), c.row().fields(), UserRequest.class, Set.of());
        UserValidator.check(merged).throwIfAny();
        return merged;
    }

    /** Applies rows that name distinct users. */
    private void write(SqlTransaction tx, List<Candidate> segment, ImportMode mode, Map<Long, RowResult> results,
            ChangeSet changes) {
        if (segment.isEmpty()) {
            return;
        }
        Set<UUID> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Candidate c : segment) {
            if (c.id() != null) {
                ids.add(c.id());
            }
            if (c.lowerName() != null) {
                names.add(c.lowerName());
            }
        }
        Map<UUID, User> byId = new HashMap<>();
        Map<String, User> byName = new HashMap<>();
        for (User u : users.findByIdsOrPrincipalNames(tx, ids, names)) {
            byId.put(u.id(), u);
            byName.put(u.userPrincipalName().toLowerCase(Locale.ROOT), u);
        }
        Map<Candidate, UserRequest> requests = new IdentityHashMap<>();
        Set<UUID> managers = new HashSet<>();
        for (Candidate c : segment) {
            try {
                UserRequest request = effective(c, c.id() != null ? byId.get(c.id()) : byName.get(c.lowerName()), mode);
                requests.put(c, request);
                if (request.managerId() != null) {
                    managers.add(UUID.fromString(request.managerId()));
                }
            } catch (InvalidInputException e) {
                results.put(c.row().line(), RowResult.rejected(c.row().line(), e.errors()));
            } catch (MalformedInputException e) {
                reject(results, c, e.field(), e.getMessage());
            }
        }
        Set<UUID> knownManagers = managers.isEmpty() ? Set.of() : new HashSet<>(users.existing(tx, managers));
        Instant now = Instant.now();
        List<User> created = new ArrayList<>();
        List<User> updated = new ArrayList<>();
        Set<UUID> createdIds = new HashSet<>();
        for (Candidate c : segment) {
            UserRequest request = requests.get(c);
            if (request == null) {
                continue;
            }
            User current = c.id() != null ? byId.get(c.id()) : byName.get(c.lowerName());
            UUID id = current != null ? current.id() : c.id() != null ? c.id() : UUID.randomUUID();
            User owner = c.lowerName() == null ? null : byName.get(c.lowerName());
            if (owner != null && !owner.id().equals(id)) {
                reject(results, c, "userPrincipalName", "userPrincipalName " + c.request().userPrincipalName()
                        + " is already used by user " + owner.id());
                continue;
            }
            results.put(c.row().line(), RowResult.ok(c.row().line(), current == null ? "created" : "updated",
                    id.toString()));
            if (current == null) {
                created.add(UserMapper.fromRequest(id, request, now, now, null, 1));
                createdIds.add(id);
            } else {
                updated.add(UserMapper.fromRequest(id, request, current.createdDateTime(), now,
                        current.deletedDateTime(), current.rowVersion() + 1));
            }
        }
        // a manager may be a user this segment creates; anything else must exist already
        created.removeIf(u -> danglingManager(u, knownManagers, createdIds, results));
        updated.removeIf(u -> danglingManager(u, knownManagers, createdIds, results));
        users.insertAll(tx, created, now);
        users.updateAll(tx, updated, now);
        created.forEach(u -> changes.user(u.id(), Audience.allApplications(), "USER_CREATED"));
        updated.forEach(u -> changes.user(u.id(), Audience.allApplications(), "USER_UPDATED"));
    }

    private static boolean danglingManager(User u, Set<UUID> known, Set<UUID> created, Map<Long, RowResult> results) {
        UUID manager = u.managerId();
        if (manager == null || (!manager.equals(u.id()) && (known.contains(manager) || created.contains(manager)))) {
            return false;
        }
        String reason = manager.equals(u.id()) ? "a user cannot be their own manager" : "no user has id " + manager;
        results.entrySet().stream().filter(e -> u.id().toString().equals(e.getValue().id())).findFirst()
                .ifPresent(e -> e.setValue(RowResult.rejected(e.getKey(),
                        List.of(new FieldError("managerId", reason)))));
        return true;
    }

    private static void reject(Map<Long, RowResult> results, Candidate c, String field, String reason) {
        results.put(c.row().line(), RowResult.rejected(c.row().line(), List.of(new FieldError(field, reason))));
    }
}
