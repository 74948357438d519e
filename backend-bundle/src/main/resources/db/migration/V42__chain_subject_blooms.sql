-- Subject lookups move from a B-tree index to per-range Bloom filters (SubjectBloom). About a third of the
-- events name a subject seen once (a job's client, an order's maker, a trade's taker, a transfer's
-- recipient), so (event_type, subject) took inserts at random places: H2 rewrote a page per such event per
-- commit, and a 1M-event catch-up ran at 20k events/s with it against 32k without (docs/CHAIN.md).
DROP INDEX blockchain_events_subject;
-- Type filters, newest first, and the per-type aggregates (stake, reputation, consensus figures).
CREATE INDEX blockchain_events_type ON blockchain_events (event_type, id);

-- One row per run of whole blocks (up to about 1,000 events), written in the same transaction as its events:
-- a subject lookup reads these newest first and queries only the ranges whose filter may hold the subject.
CREATE TABLE chain_subject_blooms (
    from_block        BIGINT       PRIMARY KEY,
    to_block          BIGINT       NOT NULL,
    events            INTEGER      NOT NULL,
    bloom             BYTEA        NOT NULL
);
