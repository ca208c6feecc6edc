"""Write: the only stage that writes outputs (atomically), with the manifest and the leak guard."""
