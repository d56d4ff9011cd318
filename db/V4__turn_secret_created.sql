-- When a TURN REST API secret was added: Duet signs credentials with the newest one.
ALTER TABLE turn_secret ADD COLUMN created_at TIMESTAMP;
