package app.duet.access.entity;

/**
 * A join token that does not admit: why, in a sentence that names the reason and nothing more
 * (never which check failed inside the signature or the claims).
 */
public final class TokenRefused extends Exception {

    public enum Reason {
        MISSING("The join token is missing."),
        EXPIRED("The join token has expired."),
        WRONG_ROOM("The join token is not for this room."),
        INVALID("The join token is not valid."),
        USED_UP("The join token has been used as often as it may be.");

        private final String sentence;

        Reason(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }
    }

    private final Reason reason;

    public TokenRefused(Reason reason) {
        super(reason.sentence(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
