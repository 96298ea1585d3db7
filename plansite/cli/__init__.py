"""The plansite command: validate, publish records, export on request, scaffold."""
from .commands import main

__all__ = ["main"]
