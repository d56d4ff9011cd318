package app.duet.signaling.control;

/**
 * What a slot may keep for replay on resume (also the most that may wait for a peer that is
 * away): the last {@code frames} frames, at most {@code bytes} of them (2 per character), all
 * slots together within the shared {@link HeldMemory} budget.
 */
public record Retention(int frames, long bytes, HeldMemory memory) {
}
