//! Reusable pieces of UI. None of them knows anything about customers or imports.

pub mod app_root;
pub mod checkbox;
pub mod choice_list;
pub mod drop_zone;
pub mod language_picker;
pub mod step_indicator;
pub mod text_table;
pub mod text_width;
pub mod virtual_rows;
