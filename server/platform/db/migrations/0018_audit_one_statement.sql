-- An append moves the head forward in the upsert that locks it (seq + 1, the new hash computed by the
-- database from the entry's text and the head it locked) and keeps the hash it moved from, which the
-- entry's prev_hash takes in the same statement: one statement an append instead of two.
ALTER TABLE "audit_heads" ADD COLUMN "prev_hash" text;
