package app.duet.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void familiesSamplesAndLabelsInTheTextFormat() {
        String text = new PrometheusText()
                .family("duet_rooms", "gauge", "Live rooms.").sample("duet_rooms", 3)
                .family("duet_errors_total", "counter", "Errors.").sample("duet_errors_total", "code", "room-full", 2)
                .sample("duet_relay_seconds_sum", 0.25)
                .toString();
        assertEquals("""
                # HELP duet_rooms Live rooms.
                # TYPE duet_rooms gauge
                duet_rooms 3
                # HELP duet_errors_total Errors.
                # TYPE duet_errors_total counter
                duet_errors_total{code="room-full"} 2
                duet_relay_seconds_sum 0.25
                """, text);
    }
}
