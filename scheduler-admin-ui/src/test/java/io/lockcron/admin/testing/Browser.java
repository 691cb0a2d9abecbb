package io.lockcron.admin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its chromedriver, both named explicitly so that Selenium
 * Manager downloads nothing. A missing browser fails the test with the command that installs it;
 * it never skips. {@code LOCKCRON_CHROMIUM} and {@code LOCKCRON_CHROMEDRIVER} point elsewhere.
 */
public final class Browser implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Dimension WINDOW = new Dimension(1440, 960);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() throws IOException {
        Path chromium = Path.of(env("LOCKCRON_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("LOCKCRON_CHROMEDRIVER", "/usr/bin/chromedriver"));
        for (Path binary : new Path[] {chromium, chromedriver}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("The browser tests need Chromium and its driver, and " + binary
                        + " is missing. Install them with: apt-get update && apt-get install -y chromium"
                        + " chromium-driver (.ci/install-extras does it), or set LOCKCRON_CHROMIUM and"
                        + " LOCKCRON_CHROMEDRIVER.");
            }
        }
        Path profile = Files.createTempDirectory("lockcron-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public java.util.List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(200));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.NoSuchElementException.class);
        return wait;
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * A screenshot of the whole page under target/screenshots. Headless Chromium cannot grow its
     * window past the screen, so the DevTools protocol captures beyond the viewport instead.
     */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Number width = (Number) script("return document.documentElement.clientWidth;");
        Number height =
                (Number) script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        Map<String, Object> clip = Map.of(
                "x", 0, "y", 0, "width", width.intValue(), "height", Math.min(height.intValue(), 4000), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
