"""Progress reports: an SPO's members for its coordinator, every SPO for NAPP staff."""
