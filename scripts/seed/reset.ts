/**
 * What `--reset` does to the feeds' bookkeeping once the seeded tables are emptied: the
 * numbering of customers and orders starts again, and a new layout tells running instances
 * to reload it. Products and categories are not the seed's, so their counters and holes stay.
 */
export const RESET_SEEDED_NUMBERING = `
  DELETE FROM feed_holes WHERE entity IN ('customers', 'orders');
  UPDATE feed_state SET live = 0, holes = 0, oldest_hole_at = NULL, layout = layout + 1
    WHERE entity IN ('customers', 'orders');`;
