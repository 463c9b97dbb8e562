"""Excel that goes out and comes back (openpyxl): worksheets, onboarding, recap exports."""
