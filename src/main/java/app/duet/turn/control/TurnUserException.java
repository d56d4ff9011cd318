package app.duet.turn.control;

/** A TURN user request that cannot be done as asked; names the offending field. */
public class TurnUserException extends RuntimeException {

    private final String field;

    public TurnUserException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
