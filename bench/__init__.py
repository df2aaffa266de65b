"""The `make bench` harness: quality and speed figures printed as one table."""
