//! Writes the benchmark's customer files into the folder given as argument: the
//! 100k and 1M-row CSV and the 100k-row xlsx the criterion benchmarks use
//! (`benches/customers.rs`), and the fields to map them to. Used by
//! `scripts/bench-browser.sh`.
#![allow(clippy::unwrap_used)]

#[path = "../benches/customers.rs"]
mod customers;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("a folder to write to"));
    std::fs::create_dir_all(&dir).unwrap();
    for rows in [100_000, 1_000_000] {
        let path = dir.join(format!("customers-{rows}.csv"));
        if !path.exists() {
            std::fs::write(&path, customers::csv(rows)).unwrap();
        }
    }
    // The fields the page maps to, as the server's schema would give them.
    let fields = serde_json::to_string(&customer_import_domain::schema::default_fields()).unwrap();
    std::fs::write(dir.join("fields.json"), fields).unwrap();
    // `xlsx` keeps its file under target/bench-data; copied where the page finds it.
    let path = dir.join("customers-100000.xlsx");
    if !path.exists() {
        std::fs::write(&path, customers::xlsx(100_000)).unwrap();
    }
}
