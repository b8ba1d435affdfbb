"""Hand-written core of the SDK: transport, retries, errors, pagination. Never generated."""
