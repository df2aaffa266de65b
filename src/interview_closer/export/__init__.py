"""File exports that need no database: iCalendar, e-mail drafts, mailto links and safe CSV."""
