"""interview-closer: close the interview and keep the door open."""

__version__ = "0.1.0"
