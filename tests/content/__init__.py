"""Tests for the pure-Python content layer (lms.content)."""
