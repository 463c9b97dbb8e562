"""Official documents as PDF (WeasyPrint): measurement report, periodic reports, Perjanjian Kinerja."""
