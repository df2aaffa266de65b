"""The web app: FastAPI pages and JSON API on the same core and storage as the CLI."""
