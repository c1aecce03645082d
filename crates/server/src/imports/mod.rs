//! What an import does and leaves behind: the import of a chunk (creating customers,
//! in bulk: `bulk`,
//! and updating those its rows match: `update`, compared against `stored` values that
//! the browser asked for by `lookup`), the history of batches (`batch_files`: the files of an
//! import of several) and their undo
//! (`restore` puts back what an import updated), shared mappings, the option lists and references rows are
//! checked against, a project's fields, and the export of its customers.

pub mod batch_files;
pub mod bulk;
pub mod export;
pub mod fields;
pub mod history;
pub mod import;
pub mod lookup;
pub mod mappings;
pub mod plan;
pub mod refs;
pub mod restore;
pub mod stored;
pub mod update;
