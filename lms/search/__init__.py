"""Search the published courses and their modules, in English and Chinese."""
