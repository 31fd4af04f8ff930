"""mnqa: answers questions about microneedling from a folder of documents, with sources."""

__version__ = "0.1.0"
