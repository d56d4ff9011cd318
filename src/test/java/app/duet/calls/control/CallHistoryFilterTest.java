package app.duet.calls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history filter's query conditions. */
class CallHistoryFilterTest {

    @Test
    void aUserMatchesEitherSideAndCombinesWithTheOtherFilters() {
        Map<String, Object> parameters = new HashMap<>();
        String where = CallHistory.where(new CallHistory.Filter("r", null, null, null, "user-a"), parameters);
        assertEquals(" WHERE c.room = :room AND (c.firstUser = :user OR c.secondUser = :user)", where);
        assertEquals(Map.of("room", "r", "user", "user-a"), parameters);
    }

    @Test
    void noUserNoCondition() {
        Map<String, Object> parameters = new HashMap<>();
        assertEquals("", CallHistory.where(new CallHistory.Filter(null, null, null, null, null), parameters));
        assertEquals(Map.of(), parameters);
    }
}
