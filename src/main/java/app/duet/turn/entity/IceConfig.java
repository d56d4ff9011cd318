package app.duet.turn.entity;

import java.util.List;

/**
 * What a page needs for its RTCPeerConnection: STUN URLs, TURN URLs with credentials (null when
 * none), until when those credentials hold (epoch millis), the ICE transport policy, and whether
 * TURN was left out because too many ephemeral users are live (users mode).
 */
public record IceConfig(List<String> stunUrls, List<String> turnUrls, String username, String credential,
                        long expiresAt, String transportPolicy, boolean capped) {
}
