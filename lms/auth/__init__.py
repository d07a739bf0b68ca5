"""Accounts: log in, log out, sign up with an SPO's enrolment code, choose a language."""
