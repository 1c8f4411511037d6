package io.scimitar.endtoend;

import io.scimitar.deploy.LocalStack;
import io.scimitar.deploy.StackSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in Debian's Chromium (headless, through Debian's chromedriver: no browser download) on the whole
 * local stack: an admin signs in, creates the Miro job, tests its connection, starts it and watches the progress
 * reach 100% of the total the source counted (and the rate chart drawn from the log), browses the directory and
 * assigns and removes a user, filters the logs and opens an entry, tries an expression on a user picked from the
 * directory and a dry run, edits scoping filters evaluated live, provisions a picked user on demand, pauses and
 * resumes, restarts from a time, approves held deletions; a reader sees every page with its controls disabled; then,
 * with a real Keycloak started beside the stack ({@link KeycloakServer}), an admin and a reader sign in through
 * Keycloak's login page, the admin changes through the session and signs out at Keycloak too, the reader can change
 * nothing. Each page is checked at 1280x800 and 1366x768 (no sideways scroll, labels, accessible names, contrast)
 * and saved as a screenshot under {@code target/console-screenshots}; the services' logs are kept under
 * {@code target/console-logs}. Skipped, saying why, where /usr/bin/chromium is not installed; the Keycloak steps are
 * skipped where no JDK 21 or later is found for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of("target");
    private static final Path SCREENSHOTS = TARGET.resolve("console-screenshots");
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final int USERS = 12;
    private static final List<Dimension> SIZES = List.of(new Dimension(1280, 800), new Dimension(1366, 768));

    @TempDir
    static Path home;
    @TempDir
    static Path browserProfile;

    private static LocalStack stack;
    private static KeycloakServer keycloak;
    private static Http directory;
    private static String console;
    private static String miroScimUrl;
    private static ChromeDriver browser;
    private static String application;
    private static final List<String> users = new ArrayList<>();
    private static final List<String> userNames = new ArrayList<>();
    private static final List<String> assignments = new ArrayList<>();
    private static String jobId;
    private static String unassignedUser;
    private static String accessibilityCheck;

    @BeforeAll
    static void startTheStackAndTheBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "Debian's Chromium is not "
                + "installed (apt-get install chromium chromium-driver; .ci/run does it): the console's browser test "
                + "is skipped");
        Path root = Path.of(System.getProperty("scimitar.root", "..")).toAbsolutePath().normalize();
        StackSettings settings = StackSettings.onFreePorts(root, home, 1, 1);
        int provisionerPort = settings.provisionerPort();
        stack = new LocalStack(settings);
        // Keycloak starts beside the stack (it takes longer than the stack to be ready); both services trust it
        keycloak = KeycloakServer.find().orElse(null);
        long keycloakStart = System.nanoTime();
        if (keycloak != null) {
            keycloak.start("http://127.0.0.1:" + provisionerPort, TARGET.resolve("keycloak.log"));
            stack.withServiceEnvironment(Map.of("QUARKUS_OIDC_TENANT_ENABLED", "true",
                    "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer(),
                    "QUARKUS_OIDC_CLIENT_ID", KeycloakServer.CLIENT_ID,
                    "QUARKUS_OIDC_CREDENTIALS_SECRET", keycloak.clientSecret,
                    "QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH", "realm_access/roles",
                    "SCIMITAR_API_OIDC_ADMIN_ROLES", "scimitar-admins",
                    "SCIMITAR_API_OIDC_READER_ROLES", "scimitar-readers",
                    "SCIMITAR_PROVISIONER_CONSOLE_OIDC_PROVIDER_NAME", "Keycloak"));
        }
        stack.start((component, message) -> System.out.println(component + ": " + message));
        if (keycloak != null) {
            long stackReady = System.nanoTime();
            keycloak.awaitReady(Duration.ofMinutes(15)); // a busy machine makes its first start slow
            System.out.printf("Keycloak: ready %d s after its start, %d s after the stack was ready%n",
                    Duration.ofNanos(System.nanoTime() - keycloakStart).toSeconds(),
                    Duration.ofNanos(System.nanoTime() - stackReady).toSeconds());
        }
        directory = new Http("http://127.0.0.1:" + settings.assignmentPort(), "X-API-Key", stack.apiKey());
        console = "http://127.0.0.1:" + settings.provisionerPort() + "/console/";
        miroScimUrl = "http://127.0.0.1:" + settings.mockPort() + "/api/v1/scim";

        application = directory.post("/api/v1/applications", Map.of("displayName", "Miro (console)",
                "publishUnassigned", false), 201).path("id").asText();
        for (int i = 1; i <= USERS; i++) {
            String userName = "console" + i + "." + System.nanoTime() % 100000 + "@example.com";
            String id = directory.post("/api/v1/users", Map.of("userPrincipalName", userName, "mail", userName,
                    "displayName", "Given" + i + " Surname" + i, "givenName", "Given" + i, "surname",
                    "Surname" + i, "accountEnabled", true), 201).path("id").asText();
            users.add(id);
            userNames.add(userName);
            assignments.add(directory.post("/api/v1/applications/" + application + "/appRoleAssignments",
                    Map.of("principalId", id), 201).path("id").asText());
        }

        unassignedUser = directory.post("/api/v1/users", Map.of("userPrincipalName", "dana.directory."
                + System.nanoTime() % 100000 + "@example.com", "displayName", "Dana Directory", "givenName", "Dana",
                "surname", "Directory", "accountEnabled", true), 201).path("id").asText();
        directory.post("/api/v1/groups", Map.of("displayName", "Console Team", "description", "Browsed in the console"),
                201);
        try (var script = ConsoleBrowserTest.class.getResourceAsStream("/console-accessibility.js")) {
            accessibilityCheck = new String(script.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        Files.createDirectories(SCREENSHOTS);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + browserProfile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
        browser.manage().window().setSize(SIZES.get(0));
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
            keepLogs();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** The services' logs, kept under {@code target/console-logs} (the stack's home is deleted with the test). */
    private static void keepLogs() {
        Path kept = TARGET.resolve("console-logs");
        try (Stream<Path> logs = Files.list(home.resolve("logs"))) {
            Files.createDirectories(kept);
            for (Path log : logs.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.out.println("The services' logs could not be kept: " + e);
        }
    }

    @Test
    @Order(1)
    void anAdminSignsInCreatesTheMiroJobTestsItsConnectionAndStartsIt() {
        browser.get(console);
        waitFor(() -> browser.findElement(By.id("api-key")).isDisplayed());
        screenshot("01-sign-in");
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("skip-link");
        assertThat(browser.switchTo().activeElement().getCssValue("outline-style")).as("focus visible")
                .isNotEqualTo("none");
        browser.findElement(By.id("api-key")).sendKeys("not-a-key-of-this-stack-0123456789abcdef");
        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> text("sign-in-error").contains("not accepted"));

        signIn(stack.apiKey());
        assertThat(text("session-role")).isEqualTo("Admin");
        waitFor(() -> !browser.findElements(By.id("new-job")).isEmpty());
        browser.findElement(By.id("new-job")).click();
        waitFor(() -> !browser.findElements(By.id("new-job-form")).isEmpty());
        browser.findElement(By.id("job-name")).sendKeys("Miro from the console");
        browser.findElement(By.id("job-application")).sendKeys(application);
        new Select(browser.findElement(By.id("job-profile"))).selectByValue("MIRO");
        browser.findElement(By.id("job-tenant-url")).sendKeys(miroScimUrl);
        browser.findElement(By.id("job-secret-token")).sendKeys(stack.miroToken());
        browser.findElement(By.id("job-insecure")).click();
        screenshot("02-new-job");
        // the provisioner learns a new application from the directory's topic: retry while it answers 422
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            if (browser.findElements(By.id("new-job-form")).isEmpty()) {
                return true;
            }
            browser.findElement(By.id("create-job")).click();
            return browser.getCurrentUrl().contains("/connection");
        });
        waitFor(() -> !browser.findElements(By.id("connection-form")).isEmpty());
        jobId = browser.getCurrentUrl().replaceAll(".*#/jobs/([0-9a-f-]{36}).*", "$1");

        browser.findElement(By.id("test-connection")).click();
        waitFor(() -> text("connection-outcome").contains("Connection works"));
        screenshot("03-connection");

        browser.findElement(By.id("start-job")).click();
        confirm();
        waitFor(() -> !browser.findElements(By.id("pause-job")).isEmpty());
        assertThat(text("job-state")).isEqualTo("On");
    }

    @Test
    @Order(2)
    void theProgressBarReachesAHundredPercentOfTheTotalTheSourceCounted() {
        open("progress");
        waitFor(() -> text("progress-total").equals(Integer.toString(USERS)));
        assertThat(text("progress-source")).contains("Total from the source", USERS + " users");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(text("progress-done")).isEqualTo(Integer.toString(USERS));
            assertThat(text("progress-percent")).isEqualTo("100%");
        });
        assertThat(text("live-state")).startsWith("live");
        waitFor(() -> text("run-by-action").contains("Create"));
        screenshot("04-progress");
        browser.navigate().refresh(); // the rate chart is read when the page opens and each minute after
        waitFor(() -> !browser.findElements(By.id("rate-summary")).isEmpty());
        waitFor(() -> text("rate-summary").matches("(\\d+) objects processed in the last hour.*")
                && Integer.parseInt(text("rate-summary").replaceAll("^(\\d+).*", "$1")) >= USERS);
        assertThat(browser.findElement(By.cssSelector("#rate-chart svg")).getAttribute("aria-label"))
                .startsWith("Objects per minute");
        screenshotOf("rate-chart", "04b-rate-chart");
        browser.get(console + "#/");
        waitFor(() -> text("jobs").contains("Miro from the console") && text("jobs").contains("100%"));
        screenshot("05-overview");
    }

    @Test
    @Order(3)
    void theDirectoryIsBrowsedAndAUserAssignedAndRemoved() {
        browser.get(console + "#/directory");
        waitFor(() -> browser.findElements(By.cssSelector("#directory-objects tbody tr")).size() >= USERS);
        browser.findElement(By.id("directory-search")).sendKeys("Given1");
        browser.findElement(By.id("directory-search-button")).click();
        waitFor(() -> browser.findElements(By.cssSelector("#directory-objects tbody tr")).size() == 4);
        screenshot("05b-directory-users");
        browser.findElement(By.id("directory-tab-groups")).click();
        waitFor(() -> text("directory-table").contains("Console Team"));
        screenshot("05c-directory-groups");

        open("users-and-groups");
        waitFor(() -> browser.findElements(By.cssSelector("#assignments tbody tr")).size() == USERS);
        assertThat(text("assignments")).contains("Given1 Surname1", "Default Access");
        browser.findElement(By.id("assign-search")).sendKeys("Dana");
        waitFor(() -> !browser.findElements(By.cssSelector("[data-pick-id='" + unassignedUser + "']")).isEmpty());
        browser.findElement(By.cssSelector("[data-pick-id='" + unassignedUser + "']")).click();
        assertThat(text("assign-chosen")).contains("Dana Directory");
        new Select(browser.findElement(By.id("assign-role"))).selectByVisibleText("Default Access (default)");
        browser.findElement(By.id("assign-button")).click();
        waitFor(() -> text("toast").contains("is assigned"));
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("const toast = document.getElementById("
                + "'toast'), box = toast.getBoundingClientRect(); return document.elementFromPoint(box.x + box.width"
                + " / 2, box.y + box.height / 2) !== toast;"))
                .as("a click where the toast shows reaches the page under it").isTrue();
        waitFor(() -> !browser.findElements(By.cssSelector("#assignments tr[data-principal='" + unassignedUser
                + "']")).isEmpty());
        screenshot("05d-users-and-groups");
        browser.findElement(By.cssSelector("[data-remove-assignment='" + unassignedUser + "']")).click();
        confirm();
        waitFor(() -> browser.findElements(By.cssSelector("#assignments tr[data-principal='" + unassignedUser
                + "']")).isEmpty());
        assertThat(directory.get("/api/v1/applications/" + application + "/appRoleAssignments?principalId="
                + unassignedUser).path("items")).isEmpty();
    }

    @Test
    @Order(4)
    void theLogsFilterAndShowAnEntrysStepsAndModifiedProperties() {
        open("logs");
        waitFor(() -> browser.findElements(By.cssSelector("#log-entries tbody tr")).size() >= USERS);
        browser.findElement(By.id("log-identity")).sendKeys("console3.");
        new Select(browser.findElement(By.id("log-action"))).selectByValue("CREATE");
        browser.findElement(By.id("apply-filters")).click();
        waitFor(() -> browser.findElements(By.cssSelector("#log-entries tbody tr")).size() == 1);
        browser.findElement(By.cssSelector("#log-entries tbody tr button")).click();
        waitFor(() -> text("log-detail").contains("Modified properties"));
        assertThat(text("log-detail")).contains(userNames.get(2), "Steps", "userName", "Given3 Surname3");
        assertThat(browser.findElements(By.cssSelector("#log-detail table.modified tbody tr"))).isNotEmpty();
        screenshot("06-logs");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(() -> text("log-detail").startsWith("Select an entry"));
        assertThat(browser.switchTo().activeElement().findElements(By.xpath("ancestor::table[@id='log-entries']")))
                .as("focus back on the entry's row").isNotEmpty();
    }

    @Test
    @Order(5)
    void theExpressionEditorEvaluatesLiveAndTheDryRunShowsWhatWouldChange() {
        open("mappings");
        waitFor(() -> !browser.findElements(By.cssSelector("tr[data-mapping='displayName']")).isEmpty());
        new Select(browser.findElement(By.cssSelector("tr[data-mapping='displayName'] select")))
                .selectByValue("EXPRESSION");
        waitFor(() -> !browser.findElements(By.cssSelector("[data-edit-expression='displayName']")).isEmpty());
        browser.findElement(By.cssSelector("[data-edit-expression='displayName']")).click();
        WebElement expression = browser.findElement(By.id("expression"));
        expression.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        expression.sendKeys("Join(\" \", [surname], [givenName]");
        waitFor(() -> !browser.findElements(By.id("expression-error")).isEmpty());
        assertThat(text("expression-error")).contains("position");
        expression.sendKeys(")");
        waitFor(() -> !browser.findElements(By.id("expression-value")).isEmpty()
                && text("expression-value").contains("Lovelace Ada"));
        browser.findElement(By.id("expression-user-search")).sendKeys("Given3");
        waitFor(() -> !browser.findElements(By.cssSelector("[data-pick-id='" + users.get(2) + "']")).isEmpty());
        browser.findElement(By.cssSelector("[data-pick-id='" + users.get(2) + "']")).click();
        waitFor(() -> text("expression-value").contains("Surname3 Given3"));
        assertThat(text("expression-sample-name")).contains("Given3 Surname3", userNames.get(2));
        browser.findElement(By.id("apply-expression")).click();
        browser.findElement(By.id("dry-run")).click();
        waitFor(() -> text("dry-run-result").contains("Update"));
        assertThat(text("dry-run-result")).containsPattern("Surname\\d+ Given\\d+");
        screenshot("07-mappings-dry-run");
    }

    @Test
    @Order(6)
    void scopingFiltersAreEditedInGroupsEvaluatedOnAPickedUserAndSaved() {
        open("scoping");
        waitFor(() -> !browser.findElements(By.id("add-scoping-group")).isEmpty());
        browser.findElement(By.id("add-scoping-group")).click();
        browser.findElement(By.cssSelector("[data-clause='0-0-attribute']")).sendKeys("displayName");
        List<String> operators = new Select(browser.findElement(By.cssSelector("[data-clause='0-0-operator']")))
                .getOptions().stream().map(option -> option.getAttribute("value")).toList();
        assertThat(operators).containsExactly("EQUALS", "NOT EQUALS", "IS TRUE", "IS FALSE", "IS NULL",
                "IS NOT NULL", "REGEX MATCH", "NOT REGEX MATCH", "Greater_Than", "Greater_Than_OR_EQUALS",
                "Includes", "ENDS_WITH", "&", "!&");
        new Select(browser.findElement(By.cssSelector("[data-clause='0-0-operator']"))).selectByValue("REGEX MATCH");
        browser.findElement(By.cssSelector("[data-clause='0-0-value']")).sendKeys("^Given1 ");
        browser.findElement(By.id("scoping-sample-search")).sendKeys("Given2");
        waitFor(() -> !browser.findElements(By.cssSelector("[data-pick-id='" + users.get(1) + "']")).isEmpty());
        browser.findElement(By.cssSelector("[data-pick-id='" + users.get(1) + "']")).click();
        waitFor(() -> text("scoping-verdict").contains("is out of scope"));
        WebElement value = browser.findElement(By.cssSelector("[data-clause='0-0-value']"));
        value.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        value.sendKeys("^Given");
        waitFor(() -> text("scoping-verdict").contains("is in scope"));
        new Select(browser.findElement(By.cssSelector("[data-clause='0-0-operator']"))).selectByValue("IS NOT NULL");
        assertThat(browser.findElement(By.cssSelector("[data-clause='0-0-value']")).isEnabled()).isFalse();
        new Select(browser.findElement(By.cssSelector("[data-clause='0-0-operator']"))).selectByValue("REGEX MATCH");
        waitFor(() -> text("scoping-verdict").contains("is in scope"));
        screenshot("07b-scoping-filters");
        browser.findElement(By.id("save-scoping")).click();
        confirm();
        waitFor(() -> text("toast").contains("Scoping filters saved"));
        open("scoping");
        waitFor(() -> !browser.findElements(By.cssSelector("[data-clause='0-0-attribute']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-clause='0-0-value']")).getAttribute("value"))
                .isEqualTo("^Given");
    }

    @Test
    @Order(7)
    void aUserIsProvisionedOnDemandWithItsSteps() {
        open("on-demand");
        browser.findElement(By.id("on-demand-pick-search")).sendKeys("Given1");
        waitFor(() -> !browser.findElements(By.cssSelector("[data-pick-id='" + users.get(0) + "']")).isEmpty());
        browser.findElement(By.cssSelector("[data-pick-id='" + users.get(0) + "']")).click();
        assertThat(browser.findElement(By.id("on-demand-id")).getAttribute("value")).isEqualTo(users.get(0));
        browser.findElement(By.id("provision-now")).click();
        waitFor(() -> text("on-demand-result").contains("Steps"));
        assertThat(text("on-demand-result")).contains(userNames.get(0));
        screenshot("08-on-demand");
    }

    @Test
    @Order(8)
    void pauseResumeAndRestartFromATimeAskFirst() {
        open("progress");
        browser.findElement(By.id("pause-job")).click();
        waitFor(() -> browser.findElement(By.id("confirm")).isDisplayed());
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(() -> !browser.findElement(By.id("confirm")).isDisplayed());
        assertThat(text("job-state")).isEqualTo("On");
        browser.findElement(By.id("pause-job")).click();
        confirm();
        waitFor(() -> !browser.findElements(By.id("start-job")).isEmpty());
        assertThat(text("job-state")).isEqualTo("Paused (off)");
        browser.findElement(By.id("start-job")).click();
        confirm();
        waitFor(() -> !browser.findElements(By.id("pause-job")).isEmpty());
        assertThat(text("job-state")).isEqualTo("On");

        browser.findElement(By.id("restart-job")).click();
        waitFor(() -> browser.findElement(By.id("restart-dialog")).isDisplayed());
        assertThat(text("restart-summary")).contains("the whole history");
        browser.findElement(By.id("restart-from-time")).click();
        assertThat(browser.findElement(By.id("restart-from")).isEnabled()).isTrue();
        assertThat(text("restart-summary")).contains("the history from");
        browser.findElement(By.id("restart-preview")).click();
        waitFor(() -> text("restart-preview-counts").contains("events read"));
        screenshot("08b-restart-options");
        browser.findElement(By.id("restart-cancel")).click();
        waitFor(() -> browser.findElements(By.id("restart-dialog")).isEmpty());
        browser.findElement(By.id("restart-job")).click();
        waitFor(() -> browser.findElement(By.id("restart-dialog")).isDisplayed());
        browser.findElement(By.id("restart-from-time")).click();
        browser.findElement(By.id("restart-confirm")).click();
        waitFor(() -> text("toast").contains("replayed from the time you chose"));
        waitFor(() -> !browser.findElements(By.id("pause-job")).isEmpty());
    }

    @Test
    @Order(9)
    void heldDeletionsAreApprovedFromTheStagedDeletions() {
        Http provisioner = new Http(console.replace("/console/", ""), "X-API-Key", stack.apiKey());
        provisioner.put("/api/v1/jobs/" + jobId, Map.of("name", "Miro from the console", "applicationId", application,
                "profile", "MIRO", "tenantUrl", miroScimUrl, "deletionThreshold", 2));
        for (int i = USERS - 4; i < USERS; i++) {
            directory.delete("/api/v1/applications/" + application + "/appRoleAssignments/" + assignments.get(i));
        }
        open("deletions");
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(2)).until(() -> {
            browser.navigate().refresh();
            waitFor(() -> !browser.findElements(By.id("staged-deletions")).isEmpty());
            return browser.findElements(By.xpath("//table[@id='staged-deletions']//td[text()='Held']")).size() == 4;
        });
        screenshot("09-staged-deletions");
        browser.findElement(By.id("allow-deletions")).click();
        confirm();
        waitFor(() -> browser.findElements(By.xpath("//table[@id='staged-deletions']//td[text()='Held']")).isEmpty());
    }

    @Test
    @Order(10)
    void aReaderSeesEverythingAndCanChangeNothing() {
        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> !browser.findElements(By.id("api-key")).isEmpty());
        signIn(stack.readerKey());
        assertReaderOverviewAndProgressReadOnly();
        assertThat(browser.findElement(By.id("restart-job")).isEnabled()).isFalse();
        screenshot("10-reader-progress");
        open("connection");
        for (String control : List.of("tenant-url", "secret-token", "test-connection", "save-connection")) {
            assertThat(browser.findElement(By.id(control)).isEnabled()).as(control).isFalse();
        }
        open("mappings");
        waitFor(() -> !browser.findElements(By.id("save-mappings")).isEmpty());
        assertThat(browser.findElement(By.id("save-mappings")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("add-mapping")).isEnabled()).isFalse();
        open("logs");
        waitFor(() -> !browser.findElements(By.cssSelector("#log-entries tbody tr")).isEmpty());
        screenshot("11-reader-logs");
        open("users-and-groups");
        waitFor(() -> browser.findElements(By.cssSelector("#assignments tbody tr")).size() == USERS - 4);
        for (String control : List.of("assign-search", "assign-kind", "assign-role", "assign-button")) {
            assertThat(browser.findElement(By.id(control)).isEnabled()).as(control).isFalse();
        }
        assertThat(browser.findElements(By.cssSelector("[data-remove-assignment]")))
                .allSatisfy(remove -> assertThat(remove.isEnabled()).isFalse());
        screenshot("12-reader-users-and-groups");
        open("scoping");
        waitFor(() -> !browser.findElements(By.id("save-scoping")).isEmpty());
        assertThat(browser.findElement(By.id("save-scoping")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.cssSelector("[data-clause='0-0-value']")).isEnabled()).isFalse();
        new Http(console.replace("/console/", ""), "X-API-Key", stack.readerKey()).post("/api/v1/directory/"
                + "applications/" + application + "/appRoleAssignments", Map.of("principalId", unassignedUser), 403);
    }

    @Test
    @Order(11)
    void anAdminSignsInWithKeycloakChangesThroughTheSessionAndSignsOutThere() throws Exception {
        assumeTrue(keycloak != null, "Keycloak is not available (see the log above): no OIDC sign-in to drive");
        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> !browser.findElements(By.id("sign-in-oidc")).isEmpty());
        assertThat(text("sign-in-oidc")).isEqualTo("Sign in with Keycloak");
        assertThat(browser.findElements(By.id("api-key"))).as("the key stays an option").isNotEmpty();
        screenshot("13-sign-in-choices");

        signInWithKeycloak(KeycloakServer.ADMIN, "14-keycloak-sign-in");
        assertThat(text("session-role")).isEqualTo("Admin");
        assertThat(text("session-name")).isEqualTo(KeycloakServer.ADMIN);
        assertThat(sessionCookies()).as("Quarkus' session cookie (in chunks when the tokens are long)").isNotEmpty()
                .allSatisfy(cookie -> {
                    assertThat(cookie.isHttpOnly()).isTrue();
                    assertThat(cookie.getSameSite()).isEqualTo("Lax");
                });
        assertThat((String) ((JavascriptExecutor) browser).executeScript("return document.cookie"))
                .as("the tokens are out of the page's reach").doesNotContain("q_session");
        waitFor(() -> text("jobs").contains("Miro from the console"));
        screenshot("15-oidc-admin-overview");

        // a change through the session, passed on to the directory with the session's access token
        open("users-and-groups");
        waitFor(() -> browser.findElements(By.cssSelector("#assignments tbody tr")).size() == USERS - 4);
        browser.findElement(By.id("assign-search")).sendKeys("Dana");
        waitFor(() -> !browser.findElements(By.cssSelector("[data-pick-id='" + unassignedUser + "']")).isEmpty());
        browser.findElement(By.cssSelector("[data-pick-id='" + unassignedUser + "']")).click();
        new Select(browser.findElement(By.id("assign-role"))).selectByVisibleText("Default Access (default)");
        browser.findElement(By.id("assign-button")).click();
        waitFor(() -> !browser.findElements(By.cssSelector("#assignments tr[data-principal='" + unassignedUser
                + "']")).isEmpty());
        browser.findElement(By.cssSelector("[data-remove-assignment='" + unassignedUser + "']")).click();
        confirm();
        waitFor(() -> browser.findElements(By.cssSelector("#assignments tr[data-principal='" + unassignedUser
                + "']")).isEmpty());
        // a change carried by the cookie alone, without the console's header, is refused (cross-site forgery)
        assertThat(fetchStatus("POST", "/api/v1/jobs/" + jobId + "/pause", false)).isEqualTo(403);
        assertThat(fetchStatus("GET", "/api/v1/jobs/" + jobId, false)).isEqualTo(200);
        // API keys work as before beside OIDC, as X-API-Key and as a bearer value; no credential is still 401
        Http provisioner = new Http(console.replace("/console/", ""), "Authorization", "Bearer " + stack.apiKey());
        assertThat(provisioner.get("/api/v1/session").path("signedInWith").asText()).isEqualTo("API_KEY");
        assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(console.replace("/console/", "/api/v1/session"))).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);

        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> !browser.findElements(By.id("sign-in-oidc")).isEmpty());
        assertThat(sessionCookies()).isEmpty();
        // Keycloak's session ended too (RP-initiated logout): signing in again asks for the password
        browser.findElement(By.id("sign-in-oidc")).click();
        waitFor(() -> !browser.findElements(By.id("kc-login")).isEmpty());
    }

    @Test
    @Order(12)
    void aReaderSignedInWithKeycloakSeesEverythingAndCanChangeNothing() throws Exception {
        assumeTrue(keycloak != null, "Keycloak is not available (see the log above): no OIDC sign-in to drive");
        browser.get(console);
        waitFor(() -> !browser.findElements(By.id("sign-in-oidc")).isEmpty());
        signInWithKeycloak(KeycloakServer.READER, null);
        assertReaderOverviewAndProgressReadOnly();
        screenshot("16-oidc-reader-progress");
        // the API refuses anyway, with the console's header as the console would send it
        assertThat(fetchStatus("POST", "/api/v1/jobs/" + jobId + "/pause", true)).isEqualTo(403);
        assertThat(fetchStatus("POST", "/api/v1/directory/applications/" + application + "/appRoleAssignments",
                true)).isEqualTo(403);
        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> !browser.findElements(By.id("sign-in-oidc")).isEmpty());
        assertThat(fetchStatus("GET", "/api/v1/session", true)).isEqualTo(401);
        try (Stream<Path> logs = Files.list(home.resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as(log + " holds no OIDC secret")
                        .doesNotContain(keycloak.clientSecret).doesNotContain(keycloak.password);
            }
        }
    }

    /** Signed in as a reader: the overview's and the progress page's controls are disabled. */
    private static void assertReaderOverviewAndProgressReadOnly() {
        assertThat(text("session-role")).isEqualTo("Reader (read only)");
        waitFor(() -> !browser.findElements(By.id("new-job")).isEmpty());
        assertThat(browser.findElement(By.id("new-job")).isEnabled()).isFalse();
        open("progress");
        waitFor(() -> text("progress-total").matches("\\d+"));
        assertThat(browser.findElement(By.id("pause-job")).isEnabled()).isFalse();
    }

    private static List<Cookie> sessionCookies() {
        return browser.manage().getCookies().stream().filter(cookie -> cookie.getName().startsWith("q_session"))
                .toList();
    }

    /** From the console's sign-in page through Keycloak's login page back to the console, signed in. */
    private static void signInWithKeycloak(String user, String screenshotName) {
        browser.findElement(By.id("sign-in-oidc")).click();
        waitFor(() -> !browser.findElements(By.id("kc-login")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(keycloak.password);
        if (screenshotName != null) {
            save(screenshotName); // Keycloak's page: its accessibility is Keycloak's
        }
        browser.findElement(By.id("kc-login")).click();
        waitFor(() -> !browser.findElements(By.id("session-role")).isEmpty());
    }

    /** The status of a same-origin fetch from the page, with or without the console's X-Requested-With header. */
    private static long fetchStatus(String method, String path, boolean consoleHeader) {
        return (Long) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], { method: arguments[1], headers: arguments[2] ? { 'X-Requested-With': "
                + "'JavaScript', 'Content-Type': 'application/json' } : { 'Content-Type': 'application/json' }, "
                + "body: arguments[1] === 'GET' ? undefined : '{}' }).then(r => done(r.status), () => done(-1));",
                path, method, consoleHeader);
    }

    private static void signIn(String key) {
        WebElement field = browser.findElement(By.id("api-key"));
        field.clear();
        field.sendKeys(key);
        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> !browser.findElements(By.id("session-role")).isEmpty());
    }

    private static void open(String tab) {
        browser.get(console + "#/jobs/" + jobId + "/" + tab);
        waitFor(() -> !browser.findElements(By.id("tab-content")).isEmpty()
                && "page".equals(browser.findElement(By.id("tab-" + tab)).getAttribute("aria-current")));
    }

    private static void confirm() {
        waitFor(() -> browser.findElement(By.id("confirm")).isDisplayed());
        browser.findElement(By.id("confirm-ok")).click();
    }

    /** The element's text, read again when the page replaced it meanwhile (the live panels re-render each second). */
    private static String text(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(By.id(id));
                return found.isEmpty() ? "" : found.get(0).getText().trim();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    private static void waitFor(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(condition);
    }

    /**
     * Checks the page at each size (no sideways scroll, labels, accessible names, contrast), then saves it at the
     * first size.
     */
    private static void screenshot(String name) {
        checkAccessibility(name);
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        save(name);
    }

    /** As {@link #screenshot}, with the element of that id scrolled into view. */
    private static void screenshotOf(String id, String name) {
        checkAccessibility(name);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id(id)));
        save(name);
    }

    @SuppressWarnings("unchecked")
    private static void checkAccessibility(String page) {
        for (Dimension size : List.of(SIZES.get(1), SIZES.get(0))) {
            browser.manage().window().setSize(size);
            List<String> problems = (List<String>) ((JavascriptExecutor) browser).executeScript(accessibilityCheck);
            assertThat(problems).as(page + " at " + size.getWidth() + "x" + size.getHeight()).isEmpty();
        }
    }

    private static void save(String name) {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("Cannot save the screenshot " + name, e);
        }
    }
}
