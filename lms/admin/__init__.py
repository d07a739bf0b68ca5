"""Administration for NAPP staff: SPOs, users and roles."""
