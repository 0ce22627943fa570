"""The voice library: stock voices, blends and (later) cloned voices."""
