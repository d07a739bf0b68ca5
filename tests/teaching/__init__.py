"""Tests of the teaching area."""
