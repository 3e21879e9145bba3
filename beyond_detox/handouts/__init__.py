"""For clinics: permanent short links and redirects, QR codes, and printed handouts."""
