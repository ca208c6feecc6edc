"""briefgen: compile human-rights dossiers into sourced submissions."""

__version__ = "0.1.0"
