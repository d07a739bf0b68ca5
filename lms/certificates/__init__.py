"""Certificates: issued when a course is complete, printed as PDF, signed as Open Badges 3.0."""
