"""Allow `python -m interview_closer`."""

from interview_closer.cli.main import main

main()
