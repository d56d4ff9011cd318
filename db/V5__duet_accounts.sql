-- Who may use the admin API: name, PBKDF2 password hash, role ('admin' or 'viewer').
CREATE TABLE duet_account (
    name          VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (name)
);
