"""Tests of the quiz area."""
