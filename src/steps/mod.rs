//! The wizard's steps, one module each. A step renders its part of the flow and writes
//! the user's choices into the signals the wizard hands it.

pub mod column_width;
pub mod customer_rows;
pub mod file;
pub mod fix_many;
pub mod header;
pub mod import_history;
pub mod import_rows;
pub mod local_time;
pub mod mapping;
pub mod project;
pub mod project_files;
pub mod review;
pub mod save;
pub mod undo_dialog;
pub mod work_progress;
