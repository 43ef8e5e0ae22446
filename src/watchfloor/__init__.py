"""watchfloor: a local-first news-intelligence watch floor."""

__version__ = "0.1.0"
