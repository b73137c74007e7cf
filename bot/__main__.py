"""Allow ``python -m bot`` as well as the ``docket`` console script."""

from bot.app.cli import main

raise SystemExit(main())
