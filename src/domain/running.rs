//! Running load caps (domain.md §1.4; owned by the coach work).
