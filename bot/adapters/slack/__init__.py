"""The Slack front end: bolt listeners that translate Slack requests into router calls and
answers into Block Kit, the HTTP and Socket Mode servers, OAuth installs, and the settings.

``service.slack_service`` builds it for ``docket run`` and ``docket slack``; see the Slack
section of README.md for set-up. This package's ``__init__`` imports nothing, so reading the
settings schema does not load bolt.
"""
