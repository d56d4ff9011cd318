package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.Quality;
import app.duet.signaling.entity.SignalingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A stats message's quality figures: optional, whole, within bounds, or refused as {@code bad-message}. */
class StatsFrameTest {

    private static Quality quality(String fields) throws SignalingException {
        return Protocol.parse("{\"type\":\"stats\",\"path\":\"relay\"" + fields + "}").quality();
    }

    @Test
    void readsEveryFigureAndTheirBounds() throws Exception {
        assertEquals(new Quality("relay", 1234, 56, 2, true),
                quality(",\"setupMs\":1234,\"rttMs\":56,\"iceRestarts\":2,\"reconnected\":true"));
        assertEquals(new Quality("relay", 0, 0, 0, false),
                quality(",\"setupMs\":0,\"rttMs\":0,\"iceRestarts\":0,\"reconnected\":false"));
        assertEquals(new Quality("relay", 600_000, 60_000, 10_000, null),
                quality(",\"setupMs\":600000,\"rttMs\":60000,\"iceRestarts\":1e4"));
        assertEquals(new Quality("relay", 12, null, null, null), quality(",\"setupMs\":12.0,\"rttMs\":null"));
    }

    @Test
    void anOlderPageSendsOnlyThePath() throws Exception {
        assertEquals(Quality.path("relay"), quality(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"setupMs\":-1", "\"setupMs\":600001", "\"setupMs\":1e999999999", "\"setupMs\":12.5", "\"setupMs\":1e-999999999",
            "\"setupMs\":\"12\"", "\"setupMs\":true", "\"setupMs\":[1]", "\"setupMs\":{}",
            "\"rttMs\":-0.5", "\"rttMs\":60001", "\"rttMs\":\"fast\"",
            "\"iceRestarts\":10001", "\"iceRestarts\":-3", "\"iceRestarts\":0.1",
            "\"reconnected\":1", "\"reconnected\":\"yes\"", "\"reconnected\":{}"})
    void refusesNegativeAbsurdFractionalOrMistypedFigures(String field) {
        SignalingException e = assertThrows(SignalingException.class, () -> quality("," + field));
        assertEquals(ErrorCode.BAD_MESSAGE, e.code(), field);
    }

    @Test
    void theFiguresMatterOnlyInAStatsMessage() throws Exception {
        assertEquals(null, Protocol.parse("{\"type\":\"message\",\"data\":1,\"setupMs\":-1,\"reconnected\":3}").quality());
    }
}
