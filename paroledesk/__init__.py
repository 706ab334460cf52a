"""ParoleDesk: assemble U.S. immigration parole filing packets, offline."""

__version__ = "0.1.0"
