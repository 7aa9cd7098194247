"""The package version, kept in one place (read by ``pyproject.toml`` too)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
