//! The embedded mock backend.
