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
 * A TURN user in coturn's own table {@code turnusers_lt}: coturn reads realm, name and hmackey
 * ({@code hex(md5(name:realm:password))}, never the password); the other columns are Duet's.
 */
@Entity
@Table(name = "turnusers_lt")
@IdClass(TurnUser.Key.class)
public class TurnUser {

    /** Who made the user: an admin, or Duet for one call participant. */
    public enum Kind { registered, ephemeral }

    @Id
    @Column(length = 127)
    private String realm;

    @Id
    @Column(length = 512)
    private String name;

    @Column(length = 128)
    private String hmackey;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    @Column(name = "expires_at")
    private LocalDateTime expiresAt;

    @Column(length = 255)
    private String note;

    @Column(length = 16, nullable = false)
    private String kind;

    protected TurnUser() {
    }

    public TurnUser(String realm, String name, String hmackey, Kind kind, LocalDateTime createdAt,
                    LocalDateTime expiresAt, String note) {
        this.realm = realm;
        this.name = name;
        this.hmackey = hmackey;
        this.kind = kind.name();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.note = note;
    }

    public String getRealm() {
        return realm;
    }

    public String getName() {
        return name;
    }

    /** The key as stored; coturn's column is CHAR(128), so databases pad it with spaces. */
    public String getHmackey() {
        return hmackey == null ? null : hmackey.strip();
    }

    public void setHmackey(String hmackey) {
        this.hmackey = hmackey;
    }

    public Kind getKind() {
        return Kind.valueOf(kind);
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public LocalDateTime getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(LocalDateTime expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    /** The primary key: realm and name. */
    public static class Key implements Serializable {
        private String realm;
        private String name;

        public Key() {
        }

        public Key(String realm, String name) {
            this.realm = realm;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realm, k.realm) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realm, name);
        }
    }
}
