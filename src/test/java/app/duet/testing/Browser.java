package app.duet.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium with a fake camera and microphone, driven by Debian's
 * chromedriver (no Selenium Manager, no download). Each instance is its own browser profile.
 */
public final class Browser implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;

    public Browser() {
        this(options -> { });
    }

    /** A browser whose options the caller adjusts (extra flags, preferences). */
    public Browser(java.util.function.Consumer<ChromeOptions> adjust) {
        try {
            profile = Files.createTempDirectory("duet-chromium");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream=device-count=2",
                "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-quic",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--user-data-dir=" + profile);
        adjust.accept(options);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    /** A browser that blocks camera and microphone, as when a user clicked "Block". */
    public static Browser denyingMedia() {
        // the last of a repeated switch wins: Chromium's fake permission UI then says no
        return new Browser(options -> options.addArguments("--use-fake-ui-for-media-stream=deny"));
    }

    /** A browser that reaches 127.0.0.1 under a name that is not localhost: an insecure origin. */
    public static Browser resolving(String host) {
        return new Browser(options -> options.addArguments("--host-resolver-rules=MAP " + host + " 127.0.0.1"));
    }

    /** Runs {@code script} in every page this browser opens from now on, before the page's own scripts (CDP). */
    public void beforeEveryPage(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", script));
    }

    /**
     * Shows pages as a phone of {@code width} x {@code height} CSS pixels would (CDP device metrics,
     * mobile viewport, 2 device pixels per CSS pixel); {@link #desktop()} undoes it.
     */
    public void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
                "deviceScaleFactor", 2, "mobile", true, "screenOrientation", java.util.Map.of(
                        "type", width < height ? "portraitPrimary" : "landscapePrimary", "angle", width < height ? 0 : 90)));
    }

    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    /** Types keys to whatever has the focus, as a user at the keyboard (Tab, letters…). */
    public void keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public void open(URI uri) {
        driver.get(uri.toString());
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an async script: the last argument is the callback that ends it. */
    public Object jsAsync(String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public boolean visible(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty() && find(css).isDisplayed();
    }

    public void click(String css) {
        find(css).click();
    }

    /** Waits until the JavaScript expression is truthy. */
    public void await(String expression, String what) {
        await(expression, what, WAIT);
    }

    public void await(String expression, String what, Duration timeout) {
        new WebDriverWait(driver, timeout).withMessage(what)
                .until(d -> Boolean.TRUE.equals(js("return !!(" + expression + ");")));
    }

    /** The page's console output so far (for failure messages). */
    public String console() {
        StringBuilder out = new StringBuilder();
        driver.manage().logs().get("browser").forEach(e -> out.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
        return out.toString();
    }

    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
