"""Feature flags: rules, the OpenFeature provider, the store, control (docs/flags.md)."""
