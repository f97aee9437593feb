"""wcc-assess: grade commissioning organisations against competency frameworks."""

__version__ = "0.1.0"

__all__ = ["__version__"]
