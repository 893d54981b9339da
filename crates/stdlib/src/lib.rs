//! Krait's native standard-library modules.
