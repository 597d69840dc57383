-- Exported time entries are billed: edits and deletions stop once an export first includes them.
ALTER TABLE "time_entries" ADD COLUMN "exported_at" timestamp with time zone;
