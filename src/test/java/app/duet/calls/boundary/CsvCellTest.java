package app.duet.calls.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The export's cells: always quoted, formulas defused (issue 13, item 9). */
class CsvCellTest {

    @Test
    void everyCellIsQuotedAndFormulasAreDefusedWhateverTheSeparator() {
        assertEquals("\"plain\"", CallsResource.cell("plain"));
        assertEquals("\"\"", CallsResource.cell(null));
        assertEquals("\"x;=1+2\"", CallsResource.cell("x;=1+2"), "a ;-separated spreadsheet cannot split it");
        assertEquals("\"a,b\"", CallsResource.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CallsResource.cell("say \"hi\""));
        for (String formula : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"}) {
            assertEquals("\"'" + formula + "\"", CallsResource.cell(formula), formula);
        }
    }
}
