-- How many earlier wordings an item has (item_revision rows): the item page, which reads the item's row anyway,
-- reads the history only for an item that has one, instead of querying item_revision on every view.
ALTER TABLE item ADD COLUMN revision_count INTEGER NOT NULL DEFAULT 0;
UPDATE item SET revision_count = (SELECT COUNT(*) FROM item_revision r WHERE r.item_id = item.id)
WHERE EXISTS (SELECT 1 FROM item_revision r WHERE r.item_id = item.id);
