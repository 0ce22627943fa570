"""Live presentation coaching: sessions, cues, reports, progress and milestones."""
