"""Assemble: a submission, its template and the dossier become a format-neutral Document. Pure."""
