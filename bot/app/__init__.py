"""Where the parts are assembled: settings, the command line, the command table handed to the
router, and ``docket run`` with every configured service in one event loop."""
