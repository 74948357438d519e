-- Inventory pools of pre-created items per asset (the relay guide's VTXOs).
-- A pool row is also the lock that serialises replenishment of that asset across coordinators.
CREATE TABLE vtxo_pools (
    asset_id        VARCHAR(64)  PRIMARY KEY,
    low_watermark   INTEGER      NOT NULL,
    target_level    INTEGER      NOT NULL,
    amount_sats     BIGINT       NOT NULL,
    expiry_seconds  BIGINT       NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE vtxo_inventory (
    vtxo_id         VARCHAR(80)  PRIMARY KEY,
    asset_id        VARCHAR(64)  NOT NULL,
    amount_sats     BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    batch_id        VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    allocated_at    TIMESTAMP WITH TIME ZONE,
    allocated_to    VARCHAR(128)
);
CREATE INDEX vtxo_inventory_asset_status ON vtxo_inventory (asset_id, status, expires_at);
CREATE INDEX vtxo_inventory_expiry ON vtxo_inventory (status, expires_at);
