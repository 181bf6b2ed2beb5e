//! What the user reads: the catalogues and their lookup (`i18n`), numbers, money and dates for
//! the locale (`format`), labels of API values (`labels`), and quote errors in words (`explain`).

pub mod explain;
pub mod format;
pub mod i18n;
pub mod labels;
