"""Credentials: API keys, JWT sessions and OAuth client credentials, with single-flight renewal."""
