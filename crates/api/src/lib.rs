//! The JSON API contract shared by the app and every backend.
