"""Renderers of one assessment (a Result), one module per ``wcc assess --format``."""
