package cn.yinfeng;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * An integration test in a real browser: Debian's Chromium through Playwright (which downloads no browser), one per
 * test class, headless. Skipped only where there is no /usr/bin/chromium and {@code CI} is unset; in CI a missing
 * Chromium fails. Screenshots go to {@link #SHOTS}.
 */
public abstract class BrowserTest extends IntegrationTest {

    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    public static final Path SHOTS = Paths.get("target/screenshots");

    protected static Playwright playwright;
    protected static Browser browser;

    @BeforeAll
    static void launchChromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            Assumptions.assumeTrue(
                    System.getenv("CI") != null,
                    "no /usr/bin/chromium on this machine (install chromium); skipped outside CI");
            throw new IllegalStateException("CI needs /usr/bin/chromium: .ci/run installs it");
        }
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run",
                                "--disable-quic")));
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }
}
