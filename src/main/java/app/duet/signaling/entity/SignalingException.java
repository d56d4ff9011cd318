package app.duet.signaling.entity;

/** A request the server refuses: answered with an error message; the socket stays open. */
public class SignalingException extends Exception {

    private final ErrorCode code;

    public SignalingException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
