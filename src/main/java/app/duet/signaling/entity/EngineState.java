package app.duet.signaling.entity;

/**
 * What keeps the rooms: {@code memory} (one node) or {@code redis} (shared by nodes), whether it
 * is reachable now, this node's id in the cluster (null alone), and the nodes known alive.
 */
public record EngineState(String engine, boolean connected, String node, int nodes) {

    public static final EngineState MEMORY = new EngineState("memory", true, null, 1);
}
