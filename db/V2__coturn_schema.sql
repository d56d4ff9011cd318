-- coturn 4.6.1's own tables (/usr/share/coturn/schema.sql), so that coturn pointed at this
-- database (psql-userdb) reads the TURN users and secrets Duet manages. "value" and "timestamp"
-- are quoted because H2 and HSQLDB reserve them; quoted lower-case is the same name on PostgreSQL.
CREATE TABLE turnusers_lt (
    realm   VARCHAR(127) DEFAULT '' NOT NULL,
    name    VARCHAR(512) NOT NULL,
    hmackey CHAR(128),
    PRIMARY KEY (realm, name)
);

CREATE TABLE turn_secret (
    realm   VARCHAR(127) DEFAULT '' NOT NULL,
    "value" VARCHAR(256) NOT NULL,
    PRIMARY KEY (realm, "value")
);

CREATE TABLE allowed_peer_ip (
    realm    VARCHAR(127) DEFAULT '' NOT NULL,
    ip_range VARCHAR(256) NOT NULL,
    PRIMARY KEY (realm, ip_range)
);

CREATE TABLE denied_peer_ip (
    realm    VARCHAR(127) DEFAULT '' NOT NULL,
    ip_range VARCHAR(256) NOT NULL,
    PRIMARY KEY (realm, ip_range)
);

CREATE TABLE turn_origin_to_realm (
    origin VARCHAR(127) NOT NULL,
    realm  VARCHAR(127),
    PRIMARY KEY (origin)
);

CREATE TABLE turn_realm_option (
    realm   VARCHAR(127) DEFAULT '' NOT NULL,
    opt     VARCHAR(32) NOT NULL,
    "value" VARCHAR(128),
    PRIMARY KEY (realm, opt)
);

CREATE TABLE oauth_key (
    kid         VARCHAR(128) NOT NULL,
    ikm_key     VARCHAR(256),
    "timestamp" BIGINT DEFAULT 0,
    lifetime    INTEGER DEFAULT 0,
    as_rs_alg   VARCHAR(64) DEFAULT '',
    realm       VARCHAR(127),
    PRIMARY KEY (kid)
);

CREATE TABLE admin_user (
    name     VARCHAR(32) NOT NULL,
    realm    VARCHAR(127),
    password VARCHAR(127),
    PRIMARY KEY (name)
);
