package app.duet.turn.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A shared secret of the TURN REST API in coturn's table {@code turn_secret}: coturn accepts
 * credentials signed with any secret of its realm, so a new one can be added before the old is
 * retired. Duet signs with the newest.
 */
@Entity
@Table(name = "turn_secret")
@IdClass(TurnSecret.Key.class)
public class TurnSecret {

    @Id
    @Column(length = 127)
    private String realm;

    @Id
    @Column(name = "\"value\"", length = 256)
    private String value;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    protected TurnSecret() {
    }

    public TurnSecret(String realm, String value, LocalDateTime createdAt) {
        this.realm = realm;
        this.value = value;
        this.createdAt = createdAt;
    }

    public String getRealm() {
        return realm;
    }

    public String getValue() {
        return value;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    /** The primary key: realm and value. */
    public static class Key implements Serializable {
        private String realm;
        private String value;

        public Key() {
        }

        public Key(String realm, String value) {
            this.realm = realm;
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realm, k.realm) && Objects.equals(value, k.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realm, value);
        }
    }
}
