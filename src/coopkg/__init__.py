"""coopkg: the knowledge graph of French-Russian decentralised cooperation."""

__version__ = "0.1.0"
