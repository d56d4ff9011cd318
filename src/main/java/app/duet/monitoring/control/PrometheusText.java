package app.duet.monitoring.control;

/** Prometheus' text exposition format (version 0.0.4), written into one buffer. */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** Starts a metric family: its help line and type ({@code counter}, {@code gauge}, {@code histogram}). */
    public PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    public PrometheusText sample(String name, double value) {
        return sample(name, null, null, value);
    }

    /** One sample, with at most one label (label values here are fixed words: no escaping needed). */
    public PrometheusText sample(String name, String label, String labelValue, double value) {
        out.append(name);
        if (label != null) {
            out.append('{').append(label).append("=\"").append(labelValue).append("\"}");
        }
        out.append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
