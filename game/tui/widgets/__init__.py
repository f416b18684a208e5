"""Widgets, named after the region of the screen they fill."""
