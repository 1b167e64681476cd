"""A keyboard-driven terminal reader and annotator for saved news articles."""

__version__ = "0.1.0"
