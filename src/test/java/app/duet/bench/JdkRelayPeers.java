package app.duet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relay peers on the JDK's WebSocket client ({@link BenchPeer}) in the bench's own JVM. In the
 * open loop a frame carries its scheduled send time, so a send the generator made late counts.
 */
final class JdkRelayPeers implements RelayPeers {

    private final HttpClient http;
    private final String pad;
    private final Latencies latencies = new Latencies();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final long errorsBefore = BenchPeer.ERRORS.get();
    private final List<Pair> pairs = new ArrayList<>();
    private final List<BenchPeer> peers = new ArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    private volatile boolean closedLoop;
    private volatile boolean measuring;
    private volatile boolean running = true;

    JdkRelayPeers(HttpClient http, int size) {
        this.http = http;
        this.pad = "x".repeat(Math.max(0, size - frame(0, System.nanoTime(), "").length()));
    }

    static String frame(long seq, long t, String pad) {
        return "{\"type\":\"message\",\"data\":{\"seq\":" + seq + ",\"t\":" + t + ",\"p\":\"" + pad + "\"}}";
    }

    static long field(String text, String name) {
        int at = text.indexOf("\"" + name + "\":") + name.length() + 3;
        long value = 0;
        for (char c = text.charAt(at); c >= '0' && c <= '9'; c = text.charAt(++at)) {
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A room of the run: A sends, B receives. */
    private final class Pair {
        BenchPeer a;
        long nextSeq;
        long lastSeen = -1;

        void onMessage(String text) {
            long now = System.nanoTime();
            long seq = field(text, "seq");
            if (measuring) {
                long t = field(text, "t");
                latencies.add(now - t, t);
            }
            synchronized (this) {
                if (seq <= lastSeen) {
                    outOfOrder.incrementAndGet();
                } else {
                    lastSeen = seq;
                }
            }
            received.incrementAndGet();
            if (closedLoop && running) {
                send(System.nanoTime());
            }
        }

        synchronized void send(long timestamp) {
            sent.incrementAndGet();
            a.send(frame(nextSeq++, timestamp, pad));
        }
    }

    @Override
    public int connect(List<URI[]> rooms) throws Exception {
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (URI[] room : rooms) {
            Pair pair = new Pair();
            pairs.add(pair);
            joins.add(BenchPeer.join(http, room[0], "a", text -> { }).thenCompose(a -> {
                pair.a = a;
                synchronized (peers) {
                    peers.add(a);
                }
                return BenchPeer.join(http, room[1], "b", pair::onMessage);
            }).thenAccept(b -> {
                synchronized (peers) {
                    peers.add(b);
                }
            }));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        return frame(0, System.nanoTime(), pad).length();
    }

    @Override
    public void startClosed(int window) {
        closedLoop = true;
        pairs.forEach(p -> {
            for (int w = 0; w < window; w++) {
                p.send(System.nanoTime());
            }
        });
    }

    @Override
    public void startOpen(int rate) {
        long period = Math.round(1e9 / rate);
        long origin = System.nanoTime() + 100_000_000;
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            long first = origin + period * i / pairs.size();
            long[] k = {0};
            scheduler.scheduleAtFixedRate(() -> pair.send(first + period * k[0]++),
                    first - System.nanoTime(), period, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void measure(boolean on) {
        measuring = on;
    }

    @Override
    public Counts counts() {
        return new Counts(received.get(), sent.get(), outOfOrder.get(), BenchPeer.ERRORS.get() - errorsBefore);
    }

    @Override
    public void halt() {
        running = false;
        scheduler.shutdownNow();
    }

    @Override
    public Latencies latencies() {
        return latencies;
    }

    @Override
    public String lastError() {
        return BenchPeer.LAST_ERROR.get();
    }

    @Override
    public void close() {
        halt();
        peers.forEach(BenchPeer::close);
    }
}
