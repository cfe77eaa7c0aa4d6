"""The core: fact store, question understanding, matching, comparisons, rendering.

Nothing here imports discord; the Discord bot and the CLI are thin adapters over it.
"""
