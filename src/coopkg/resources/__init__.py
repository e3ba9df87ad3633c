"""Package data shared by the explorer (app/) and the printed publications (publish/)."""
