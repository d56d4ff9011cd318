package app.duet.signaling.control;

/** The server's side of one peer's socket, as the signaling logic sees it. */
public interface Link {

    /** Queues a text frame; frames go out in the order of the calls. Never blocks. */
    void send(String text);

    /** Sends a WebSocket ping; the peer's pong counts as a sign of life. */
    void ping();

    /** Closes the socket once the frames queued so far are sent. */
    void close(int code, String reason);
}
