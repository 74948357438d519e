-- Security domain (V10-V19).
-- Encrypted secrets (service layer playbook): every update adds a version; all versions are kept so an operator can
-- see when a value changed, and key rotation re-encrypts every row. ciphertext/nonce are base64 text so the one
-- dialect serves H2 and PostgreSQL; key_id is a fingerprint of the key that encrypted the row, so a wrong
-- SECRET_ENCRYPTION_KEY is named at start-up instead of failing on first read.
CREATE TABLE secrets (
    name              VARCHAR(128) NOT NULL,
    version           INTEGER      NOT NULL,
    ciphertext        TEXT         NOT NULL,
    nonce             VARCHAR(32)  NOT NULL,
    key_id            VARCHAR(16)  NOT NULL,
    deleted           BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by        VARCHAR(128) NOT NULL,
    CONSTRAINT secrets_pk PRIMARY KEY (name, version)
);

-- Audit results such as "failed: <reason>" outgrow 64 characters; a too-long result must not turn an audited
-- action into a 500.
ALTER TABLE audit_log ALTER COLUMN result SET DATA TYPE TEXT;
CREATE INDEX audit_log_actor ON audit_log (actor);
