-- Duet's own columns on coturn's user table (coturn ignores them): when a user was made, when it
-- expires (NULL: never), a note, and whether an admin registered it or Duet minted it for a call.
ALTER TABLE turnusers_lt ADD COLUMN created_at TIMESTAMP;
ALTER TABLE turnusers_lt ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE turnusers_lt ADD COLUMN note VARCHAR(255);
ALTER TABLE turnusers_lt ADD COLUMN kind VARCHAR(16) DEFAULT 'registered' NOT NULL;
