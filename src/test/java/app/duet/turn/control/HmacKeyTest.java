package app.duet.turn.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HmacKeyTest {

    @Test
    void matchesCoturnsDocumentedExample() {
        assertEquals("bc807ee29df3c9ffa736523fb2c4e8ee", HmacKey.of("ninefingers", "north.gov", "youhavetoberealistic"));
    }
}
