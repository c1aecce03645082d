//! What an import does and leaves behind: the import of a chunk, the history of
//! batches and their undo, shared mappings, the option lists and references rows are
//! checked against, a project's fields, and the export of its customers.

pub mod export;
pub mod fields;
pub mod history;
pub mod import;
pub mod mappings;
pub mod plan;
pub mod refs;
