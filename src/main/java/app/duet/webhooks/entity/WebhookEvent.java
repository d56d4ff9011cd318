package app.duet.webhooks.entity;

/**
 * An event as receivers get it: its id (the same for every receiver and every attempt, and on
 * every node that records it), its type ({@code call.started}, {@code call.ended},
 * {@code peer.joined}, {@code peer.left}) and its JSON body.
 */
public record WebhookEvent(String id, String type, String body) {
}
