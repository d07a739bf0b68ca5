"""Tests of the authoring area."""
