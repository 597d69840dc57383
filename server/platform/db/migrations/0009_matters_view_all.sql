-- secure_chat.view_all no longer shows every matter; matters.view_all does. Users who held the first
-- keep seeing what they saw before the upgrade, so they get the second too (an admin may revoke it).
UPDATE "users" SET "permissions" = array_append("permissions", 'matters.view_all')
WHERE 'secure_chat.view_all' = ANY ("permissions") AND NOT 'matters.view_all' = ANY ("permissions");
