"""The web edition: the story as plain, semantic HTML pages for screen readers and phones.

Textual in a browser draws a terminal, which a screen reader and a small touch screen get
little from. This package serves the same engine, saves and summaries as ordinary pages and
forms (no JavaScript), mounted at ``/read`` by ``budapest56 serve`` or run alone by
``budapest56 web``.
"""
