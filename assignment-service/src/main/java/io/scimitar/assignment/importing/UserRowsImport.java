package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.events.Audience;
import io.scimitar.assignment.events.Changes;
import io.scimitar.assignment.user.User;
import io.scimitar.assignment.user.UserMapper;
import io.scimitar.assignment.user.UserRepository;
import io.scimitar.assignment.user.UserRequest;
import io.scimitar.assignment.user.UserValidator;
import io.scimitar.assignment.web.MergePatch;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports a batch of user rows set-based: the rows are checked in memory, the users they name are looked up in two
 * statements, and the new and changed users are written with one INSERT and one UPDATE over arrays. The rules are
 * those of {@code UserService.importRow} (match by id, else by userPrincipalName; a taken userPrincipalName, a
 * dangling or self manager reject the row). Rows naming a user an earlier row of the batch already touched start a
 * new segment, so the batch reads as if its rows had run one after another.
 */
@ApplicationScoped
public class UserRowsImport {

    private final ObjectMapper json;
    private final UserRepository users;

    public UserRowsImport(ObjectMapper json, UserRepository users) {
        this.json = json;
        this.users = users;
    }

    /** One readable row and what it asks for. */
    private record Candidate(ImportRow row, UserRequest request, UUID id, String lowerName) {
    }

    public List<RowResult> apply(Tx tx, List<ImportRow> rows, Changes changes) {
        Map<Long, RowResult> results = new HashMap<>();
        List<Candidate> segment = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        for (ImportRow row : rows) {
            Candidate candidate;
            try {
                candidate = read(row);
            } catch (InvalidInputException e) {
                results.put(row.line(), RowResult.rejected(row.line(), e.errors()));
                continue;
            } catch (MalformedInputException e) {
                results.put(row.line(), RowResult.rejected(row.line(),
                        List.of(new FieldError(e.field(), e.getMessage()))));
                continue;
            }
            boolean repeats = (candidate.id() != null && keys.contains(candidate.id()))
                    || keys.contains(candidate.lowerName());
            if (repeats) {
                write(tx, segment, results, changes);
                segment.clear();
                keys.clear();
            }
            segment.add(candidate);
            if (candidate.id() != null) {
                keys.add(candidate.id());
            }
            keys.add(candidate.lowerName());
        }
        write(tx, segment, results, changes);
        return rows.stream().map(row -> results.get(row.line())).toList();
    }

    private Candidate read(ImportRow row) {
        if (!row.unreadable().isEmpty()) {
            throw new InvalidInputException(row.unreadable());
        }
        UserRequest request = MergePatch.read(json, row.fields(), UserRequest.class);
        UserValidator.check(request).throwIfAny();
        UUID id = request.id() == null ? null : UUID.fromString(request.id());
        return new Candidate(row, request, id, request.userPrincipalName().trim().toLowerCase(Locale.ROOT));
    }

    /** Applies rows that name distinct users. */
    private void write(Tx tx, List<Candidate> segment, Map<Long, RowResult> results, Changes changes) {
        if (segment.isEmpty()) {
            return;
        }
        Set<UUID> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<UUID> managers = new HashSet<>();
        for (Candidate c : segment) {
            if (c.id() != null) {
                ids.add(c.id());
            }
            names.add(c.lowerName());
            if (c.request().managerId() != null) {
                managers.add(UUID.fromString(c.request().managerId()));
            }
        }
        Map<UUID, User> byId = new HashMap<>();
        Map<String, User> byName = new HashMap<>();
        for (User u : users.findByIdsOrPrincipalNames(tx, ids, names)) {
            byId.put(u.id(), u);
            byName.put(u.userPrincipalName().toLowerCase(Locale.ROOT), u);
        }
        Set<UUID> knownManagers = managers.isEmpty() ? Set.of() : new HashSet<>(users.existing(tx, managers));
        Instant now = Instant.now();
        List<User> created = new ArrayList<>();
        List<User> updated = new ArrayList<>();
        Set<UUID> createdIds = new HashSet<>();
        for (Candidate c : segment) {
            User current = c.id() != null ? byId.get(c.id()) : byName.get(c.lowerName());
            UUID id = current != null ? current.id() : c.id() != null ? c.id() : UUID.randomUUID();
            User owner = byName.get(c.lowerName());
            if (owner != null && !owner.id().equals(id)) {
                reject(results, c, "userPrincipalName", "userPrincipalName " + c.request().userPrincipalName()
                        + " is already used by user " + owner.id());
                continue;
            }
            results.put(c.row().line(), RowResult.ok(c.row().line(), current == null ? "created" : "updated",
                    id.toString()));
            if (current == null) {
                created.add(UserMapper.fromRequest(id, c.request(), now, now, null, 1));
                createdIds.add(id);
            } else {
                updated.add(UserMapper.fromRequest(id, c.request(), current.createdDateTime(), now,
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
