"""The Textual view: it shows what the engine and session say, and sends back the choice."""
