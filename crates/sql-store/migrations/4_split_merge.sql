-- Split and merge: a reservation can end by being split or merged (not only by a return or an
-- exchange, which set `cancelled`). NULL = not ended that way; 'Split' or 'Merged' otherwise.
ALTER TABLE reservations ADD COLUMN ended_by VARCHAR(16);
UPDATE meta SET meta_value = '4' WHERE meta_key = 'schema_version';
