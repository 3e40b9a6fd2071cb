"""The user's settings: configuration files, per-file rule selection, waivers and the
baseline. It reads what the user wrote and resolves it against the catalogue.
"""
