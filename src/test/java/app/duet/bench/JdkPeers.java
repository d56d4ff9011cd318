package app.duet.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Capacity peers on the JDK's WebSocket client ({@link BenchPeer}), in the bench's own JVM. */
final class JdkPeers implements CapacityPeers {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<BenchPeer> joined = new ArrayList<>();

    @Override
    public int join(ServerProcess server, String prefix, int peers, int concurrency, Latencies joins) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<BenchPeer>> pending = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            inFlight.acquire();
            long t = System.nanoTime();
            pending.add(BenchPeer.join(http, server.room(prefix + i / 2, 0), "p" + i, text -> { })
                    .whenComplete((p, e) -> {
                        if (e == null) {
                            joins.add(System.nanoTime() - t);
                        }
                        inFlight.release();
                    }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("not every peer joined: " + e.getCause());
        }
        pending.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).forEach(f -> joined.add(f.join()));
        return joined.size();
    }

    @Override
    public int open() {
        return (int) joined.stream().filter(BenchPeer::isOpen).count();
    }

    @Override
    public long pings() {
        return BenchPeer.PINGS.get();
    }

    @Override
    public double cpuSeconds() {
        return CapacityPeers.ownCpuSeconds();
    }

    @Override
    public void close() {
        joined.forEach(BenchPeer::close);
    }
}
