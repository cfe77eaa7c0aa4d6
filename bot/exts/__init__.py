"""Discord features, one extension (cog) each; each is thin: parse options, call the core, reply."""
