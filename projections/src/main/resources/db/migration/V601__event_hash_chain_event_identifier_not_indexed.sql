-- The chain's unique index on event_identifier, dropped. The primary key on global_index already
-- makes a double append impossible, and the store's own unique event identifier ties each index to
-- one event; scripts/verify-chain compares every chain row's event with the event stored at its
-- index. The index cost every appended event a random-key B-tree insert, about 440 bytes of WAL
-- each with its full-page images (docs/PERFORMANCE.md, setting 78). Only the diagnosis of a broken
-- chain looks a chain row up by event identifier (ChainVerifier), and it reads the table for it.
ALTER TABLE event_hash_chain DROP CONSTRAINT IF EXISTS event_hash_chain_event_identifier_key;
