"""backlog: answers about the US immigration court backlog, from a curated, sourced fact base."""
