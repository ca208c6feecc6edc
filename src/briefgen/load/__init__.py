"""Load: the only stage that reads dossier files (yamlparse, loader, cache), then resolve them into a Dossier."""
