//! Reusable view pieces: the page frame and small widgets shared by several pages.

pub mod alert_list;
pub mod bar_chart;
pub mod breadcrumb;
pub mod bulk_renew;
pub mod confirm;
pub mod copy_field;
pub mod layout;
pub mod list;
pub mod money_actions;
pub mod portfolio_charts;
pub mod scope_targets;
pub mod sizing;
pub mod skeleton;
pub mod status;
pub mod table;
pub mod user_switch;
pub mod utilization_chart;
