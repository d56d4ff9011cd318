package app.duet.signaling.control;

import app.duet.signaling.entity.Quality;

/**
 * What the protocol reads of one client frame, taken in a single strict pass by
 * {@link FrameReader}: the type and the few top-level fields the server acts on. Everything else
 * (SDP, candidates, application data) is relayed as the sender's own text.
 *
 * @param type      the message type, one the protocol knows
 * @param name      a join's display name as sent (not yet trimmed), or null
 * @param resume    a join's resume token, or null
 * @param received  a resuming join's count of messages received, or null
 * @param path      a stats message's path, or null
 * @param hasFrom   whether the sender put a {@code from} field of its own (it is replaced)
 * @param token     a join's join token, or null
 * @param quality   a stats message's report (its path and checked figures), or null
 */
record Frame(String type, String name, String resume, Long received, String path, boolean hasFrom, String token,
             Quality quality) {

    Frame(String type, String name, String resume, Long received, String path, boolean hasFrom, String token) {
        this(type, name, resume, received, path, hasFrom, token, null);
    }
}
