package app.duet.platform.control;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and checks setting values: {@code key} from the system property {@code duet.key}, else
 * the environment variable {@code DUET_KEY}, else the default; a bad value is an
 * {@link IllegalStateException} naming the setting. Shared by {@link Settings} and the settings of single components.
 */
public final class SettingReader {

    private final Function<String, String> source;

    public SettingReader(Function<String, String> source) {
        this.source = source;
    }

    public static SettingReader fromEnvironment() {
        return new SettingReader(SettingReader::lookup);
    }

    public String choice(String key, String fallback, String... allowed) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        for (String option : allowed) {
            if (option.equals(value)) {
                return value;
            }
        }
        throw invalid(key, value, "must be one of " + String.join(", ", allowed));
    }

    public List<String> list(String key) {
        String value = raw(key);
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String raw(String key) {
        String value = source.apply(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String lookup(String key) {
        String value = System.getProperty("duet." + key);
        return value != null ? value : System.getenv(envName(key));
    }

    static String envName(String key) {
        return "DUET_" + key.toUpperCase().replace('.', '_');
    }

    public int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max, true);
    }

    public double number(String key, double fallback, double min, double max) {
        return number(key, fallback, min, max, false);
    }

    double number(String key, double fallback, double min, double max, boolean whole) {
        String text = raw(key);
        if (text == null) {
            return fallback;
        }
        double value;
        try {
            value = whole ? Long.parseLong(text) : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw invalid(key, text, whole ? "must be a whole number" : "must be a number");
        }
        if (!(value >= min && value <= max)) {
            throw invalid(key, text, "must be between " + format(min) + " and " + format(max));
        }
        return value;
    }

    public Duration seconds(String key, double fallback) {
        return Duration.ofMillis(Math.round(number(key, fallback, 0.05, 86_400) * 1000));
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    public static IllegalStateException invalid(String key, String value, String why) {
        return new IllegalStateException("Invalid setting duet." + key + " / " + envName(key)
                + " = '" + value + "': " + why);
    }
}
