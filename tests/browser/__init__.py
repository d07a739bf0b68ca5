"""Tests that drive Debian's headless Chromium through Playwright."""
