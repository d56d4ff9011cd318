package app.duet.signaling.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** A link that records what the server would have sent. */
final class FakeLink implements Link {

    final List<String> sent = new ArrayList<>();
    int pings;
    Integer closedWith;

    @Override
    public synchronized void send(String text) {
        sent.add(text);
    }

    @Override
    public synchronized void ping() {
        pings++;
    }

    @Override
    public synchronized void close(int code, String reason) {
        closedWith = code;
    }

    synchronized List<JsonObject> messages() {
        return sent.stream().map(s -> Json.createReader(new StringReader(s)).readObject()).toList();
    }

    synchronized JsonObject last() {
        List<JsonObject> all = messages();
        return all.get(all.size() - 1);
    }

    synchronized List<String> types() {
        return messages().stream().map(m -> m.getString("type")).toList();
    }
}
