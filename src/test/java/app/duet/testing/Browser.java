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
import org.openqa.selenium.firefox.FirefoxDriver;
import org.openqa.selenium.firefox.FirefoxOptions;
import org.openqa.selenium.firefox.GeckoDriverService;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium with a fake camera and microphone, driven by Debian's
 * chromedriver (no Selenium Manager, no download). Each instance is its own browser profile.
 * {@link #firefox()} starts Debian's Firefox ESR instead, driven by the geckodriver that Maven
 * copies to {@code target/geckodriver}.
 */
public final class Browser implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private final RemoteWebDriver driver;
    private final Path profile; // null for Firefox: geckodriver makes and removes its own

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

    private Browser(RemoteWebDriver driver) {
        this.driver = driver;
        this.profile = null;
    }

    /**
     * A headless Debian Firefox ESR with a fake camera and microphone, allowed without a prompt,
     * that gathers ICE candidates on loopback and shows host candidates by their address (no mDNS
     * name). Without the two permission preferences Firefox gathers no candidate at all in a
     * network namespace that has no default route. The capabilities are kept minimal: geckodriver
     * 0.29 refuses some that newer Selenium versions can send.
     */
    public static Browser firefox() {
        FirefoxOptions options = new FirefoxOptions();
        options.setBinary(System.getProperty("firefox.binary", "/usr/bin/firefox-esr"));
        options.addArguments("-headless", "-width=1280", "-height=900");
        options.addPreference("media.navigator.streams.fake", true);
        options.addPreference("media.navigator.permission.disabled", true);
        options.addPreference("permissions.default.camera", 1);
        options.addPreference("permissions.default.microphone", 1);
        options.addPreference("media.peerconnection.ice.loopback", true);
        options.addPreference("media.peerconnection.ice.obfuscate_host_addresses", false);
        options.addPreference("media.autoplay.default", 0);
        options.addPreference("app.update.enabled", false);
        options.addPreference("browser.shell.checkDefaultBrowser", false);
        options.addPreference("datareporting.policy.dataSubmissionEnabled", false);
        options.addPreference("toolkit.telemetry.enabled", false);
        File geckodriver = new File(System.getProperty("geckodriver.binary", "target/geckodriver"));
        if (!geckodriver.canExecute() && !geckodriver.setExecutable(true)) {
            throw new IllegalStateException("geckodriver is not executable: " + geckodriver.getAbsolutePath()
                    + " (the Maven build copies it there in pre-integration-test)");
        }
        // not GeckoDriverService.Builder: it passes --websocket-port, which geckodriver 0.29 refuses
        int port = Ports.free();
        GeckoDriverService service;
        try {
            service = new GeckoDriverService(geckodriver, port, WAIT, java.util.List.of("--port=" + port), java.util.Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Browser(new FirefoxDriver(service, options));
    }

    public boolean isFirefox() {
        return driver instanceof FirefoxDriver;
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
        chromium("beforeEveryPage").executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", script));
    }

    private ChromeDriver chromium(String what) {
        if (!(driver instanceof ChromeDriver chrome)) {
            throw new UnsupportedOperationException(what + " needs Chromium (CDP)");
        }
        return chrome;
    }

    /**
     * Shows pages as a phone of {@code width} x {@code height} CSS pixels would (CDP device metrics,
     * mobile viewport, 2 device pixels per CSS pixel); {@link #desktop()} undoes it.
     */
    public void phone(int width, int height) {
        chromium("phone").executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
                "deviceScaleFactor", 2, "mobile", true, "screenOrientation", java.util.Map.of(
                        "type", width < height ? "portraitPrimary" : "landscapePrimary", "angle", width < height ? 0 : 90)));
    }

    public void desktop() {
        chromium("desktop").executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    /**
     * Where this Chromium's DevTools endpoint listens (host:port, on loopback), for a test that
     * speaks CDP itself, e.g. to watch for events Selenium does not expose.
     */
    public String devToolsAddress() {
        Object options = chromium("devToolsAddress").getCapabilities().getCapability("goog:chromeOptions");
        return String.valueOf(((java.util.Map<?, ?>) options).get("debuggerAddress"));
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
        if (isFirefox()) {
            return "(geckodriver gives no console log)\n";
        }
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
            try (var files = profile == null ? java.util.stream.Stream.<Path>empty() : Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
