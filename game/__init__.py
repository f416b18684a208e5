"""Budapest 1956 — a historical text adventure of the Hungarian Revolution."""

__version__ = "0.1.0"
