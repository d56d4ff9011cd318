package app.duet.turn.entity;

import java.util.List;

/**
 * What a page needs for its RTCPeerConnection: STUN URLs, TURN URLs with credentials (null when
 * none), until when those credentials hold (epoch millis), and the ICE transport policy.
 */
public record IceConfig(List<String> stunUrls, List<String> turnUrls, String username, String credential,
                        long expiresAt, String transportPolicy) {
}
