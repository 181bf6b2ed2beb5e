//! Reusable view pieces: the page frame and small widgets shared by several pages.

pub mod layout;
pub mod status;
