package app.duet.signaling.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one budget for what anonymous sockets can make the server hold between frames: messages
 * being assembled from parts, frames kept for resume and frames waiting for a slow receiver. Counted as 2 bytes per character (a
 * Java string's worst case), so what is reserved bounds the heap it costs. One per application,
 * made by {@link SharedCounters}.
 */
public class HeldMemory {

    private final AtomicLong held = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final long budget;

    HeldMemory(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** A budget outside CDI (tools and tests). */
    public static HeldMemory withBudget(long budgetBytes) {
        return new HeldMemory(budgetBytes);
    }

    /** What holding {@code text} costs against the budget: 2 bytes a character. */
    public static long bytes(CharSequence text) {
        return bytes(text.length());
    }

    /** What holding this many characters costs against the budget. */
    public static long bytes(long characters) {
        return 2L * characters;
    }

    /** Takes {@code bytes} from the budget; false, and nothing taken, when that would pass it. */
    public boolean reserve(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > budget) {
                refusals.incrementAndGet();
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    /** Takes {@code bytes} whatever the budget (for frames already in memory that must be kept). */
    public void force(long bytes) {
        held.addAndGet(bytes);
    }

    public void release(long bytes) {
        held.addAndGet(-bytes);
    }

    public long held() {
        return held.get();
    }

    /** How often the budget refused to hold more (a socket closed, a frame not kept or refused for an away peer). */
    public long refusals() {
        return refusals.get();
    }

    public long budget() {
        return budget;
    }
}
