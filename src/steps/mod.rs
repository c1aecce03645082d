//! The wizard's steps, a folder each: the step's component in `mod.rs`, the plain
//! logic it renders beside it (tested natively), and the parts only it uses. A step
//! renders its part of the flow and writes the user's choices into the import's state.

pub mod file;
pub mod header;
pub mod layouts;
pub mod mapping;
pub mod project;
pub mod review;
pub mod save;
pub mod work_progress;
