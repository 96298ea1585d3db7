"""Plansite: Community Safety Partnership plans as accessible websites, from validated YAML."""

__version__ = "0.1.0"
