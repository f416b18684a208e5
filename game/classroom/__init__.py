"""Classroom tools: serving the game to browsers, and the class report from collected summaries."""
