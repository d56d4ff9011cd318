package app.duet.admin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Someone who may use the admin API, with a PBKDF2 password hash and a role; the name is stored in lower case ({@code Accounts.canonical}). */
@Entity
@Table(name = "duet_account")
public class Account {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    @Id
    @Column(length = 64)
    private String name;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false, length = 16)
    private String role;

    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    protected Account() {
    }

    public Account(String name, String passwordHash, String role, LocalDateTime createdAt) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public String getRole() {
        return role;
    }
}
