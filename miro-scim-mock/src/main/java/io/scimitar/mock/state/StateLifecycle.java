package io.scimitar.mock.state;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scimitar.mock.admin.RequestCounters;
import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.config.MockSettings;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.fault.FaultInjector;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.ratelimit.RateLimiter;
import io.scimitar.mock.team.TeamRepository;
import io.scimitar.mock.team.TeamService;
import io.scimitar.mock.user.UserRepository;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Starts the state (snapshot file or empty with the default team), writes the snapshot on shutdown, resets it. */
@Singleton
public class StateLifecycle {

    private static final Logger LOG = Logger.getLogger(StateLifecycle.class);

    private final UserRepository users;
    private final TeamRepository teams;
    private final TeamService teamService;
    private final IdGenerator ids;
    private final MockSettings settings;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final RequestCounters counters;
    private final ScimJson json;
    private final MockConfig config;

    public StateLifecycle(UserRepository users, TeamRepository teams, TeamService teamService, IdGenerator ids,
                          MockSettings settings, RateLimiter rateLimiter, FaultInjector faults, RequestCounters counters,
                          ScimJson json, MockConfig config) {
        this.users = users;
        this.teams = teams;
        this.teamService = teamService;
        this.ids = ids;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.counters = counters;
        this.json = json;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        config.snapshotFile().filter(Files::isRegularFile).ifPresent(file -> {
            load(file);
            LOG.infof("Loaded %d users and %d teams from %s", users.size(), teams.values().size(), file);
        });
        teamService.ensureDefaultTeam();
    }

    void onStop(@Observes ShutdownEvent event) {
        config.snapshotFile().ifPresent(file -> {
            write(file);
            LOG.infof("Wrote snapshot of %d users to %s", users.size(), file);
        });
    }

    /** Clears users, teams, faults, counters, rate-limit windows and runtime settings; recreates the default team. */
    public synchronized void reset() {
        users.clear();
        teams.clear();
        ids.reset();
        settings.reset();
        rateLimiter.reset();
        faults.clear();
        counters.reset();
        teamService.ensureDefaultTeam();
    }

    public StateSnapshot snapshot() {
        return new StateSnapshot(users.all(), teams.all().stream().map(StateSnapshot.TeamSnapshot::of).toList());
    }

    public synchronized void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, json.bytes(snapshot()));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write snapshot " + file, e);
        }
    }

    public synchronized void load(Path file) {
        StateSnapshot snapshot;
        try {
            snapshot = json.mapper().readValue(file.toFile(), StateSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read snapshot " + file, e);
        }
        users.clear();
        teams.clear();
        if (snapshot.users() != null) {
            snapshot.users().forEach(user -> {
                users.insert(user, userName -> ScimException.invalidValue("Duplicate userName in snapshot: " + userName));
                ids.advancePast(user.get("id").asText());
            });
        }
        if (snapshot.teams() != null) {
            for (StateSnapshot.TeamSnapshot team : snapshot.teams()) {
                teams.put(team.toTeam());
                ids.advancePast(team.id());
            }
        }
    }
}
