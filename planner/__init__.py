"""backplan: safe, balanced weekly back-strengthening plans from declarative rules."""

__version__ = "0.1.0"
__all__ = ["__version__"]
