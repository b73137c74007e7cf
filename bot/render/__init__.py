"""Pure functions from an ``Answer`` to what each platform displays; one module per target."""
