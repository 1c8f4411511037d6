package io.scimitar.mock.config;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The settings that can change at runtime through the admin API; start from, and reset to, {@link MockConfig}. */
@Singleton
public class MockSettings {

    private final MockConfig config;
    private volatile boolean scimEnabled;
    private volatile boolean rateLimitsEnabled;
    private volatile Set<String> allowedDomains;
    private volatile MockConfig.DuplicateUserNameStyle duplicateUserName;
    private volatile MockConfig.GroupModel groupModel;
    private volatile int maxUsers;
    private volatile int maxGroups;
    private volatile boolean userNameFilterCaseExact;

    /** Heap bytes set aside per user when {@code miro-mock.limits.max-users} is not set: 512 MB give ~119,000 users. */
    public static final long HEAP_BYTES_PER_USER = 4_500;

    public MockSettings(MockConfig config) {
        this.config = config;
        reset();
    }

    public final void reset() {
        scimEnabled = config.scimEnabled();
        rateLimitsEnabled = config.rateLimits().enabled();
        allowedDomains = normalise(config.allowedDomains().orElse(List.of()));
        duplicateUserName = config.duplicateUserName();
        groupModel = config.groupModel();
        maxUsers = config.limits().maxUsers().orElse(heapSizedMaxUsers());
        maxGroups = config.limits().maxGroups();
        userNameFilterCaseExact = false;
    }

    private static int heapSizedMaxUsers() {
        return (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_USER);
    }

    /** How many users the organisation can hold (507 beyond). */
    public int maxUsers() {
        return maxUsers;
    }

    public void maxUsers(int value) {
        maxUsers = value;
    }

    /** How many teams and user groups the organisation can hold (507 beyond). */
    public int maxGroups() {
        return maxGroups;
    }

    public void maxGroups(int value) {
        maxGroups = value;
    }

    /**
     * Whether {@code userName eq "..."} compares case-sensitively, as some SCIM servers' filters do (against RFC
     * 7643, where userName is caseExact=false); uniqueness stays case-insensitive. Off by default, as in Miro.
     */
    public boolean userNameFilterCaseExact() {
        return userNameFilterCaseExact;
    }

    public void userNameFilterCaseExact(boolean value) {
        userNameFilterCaseExact = value;
    }

    public boolean scimEnabled() {
        return scimEnabled;
    }

    public void scimEnabled(boolean value) {
        scimEnabled = value;
    }

    public boolean rateLimitsEnabled() {
        return rateLimitsEnabled;
    }

    public void rateLimitsEnabled(boolean value) {
        rateLimitsEnabled = value;
    }

    /** Lower-cased allowed e-mail domains; empty means every domain is allowed. */
    public Set<String> allowedDomains() {
        return allowedDomains;
    }

    public void allowedDomains(List<String> domains) {
        allowedDomains = normalise(domains);
    }

    public MockConfig.DuplicateUserNameStyle duplicateUserName() {
        return duplicateUserName;
    }

    public void duplicateUserName(MockConfig.DuplicateUserNameStyle value) {
        duplicateUserName = value;
    }

    public MockConfig.GroupModel groupModel() {
        return groupModel;
    }

    public void groupModel(MockConfig.GroupModel value) {
        groupModel = value;
    }

    public boolean userGroups() {
        return groupModel == MockConfig.GroupModel.USER_GROUPS;
    }

    public Duration rateLimitWindow() {
        return config.rateLimits().window();
    }

    private static Set<String> normalise(List<String> domains) {
        return domains.stream()
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
