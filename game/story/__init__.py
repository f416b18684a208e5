"""The story model: pure Python, no Textual import, so every front end drives the same engine."""
